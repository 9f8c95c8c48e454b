/** The error bodies X sends, in its own words and shapes. */

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const PROBLEMS = 'https://api.twitter.com/2/problems';

export const unauthorized = (): Reply => ({
  status: 401,
  body: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' },
});

export const tooManyRequests = (): Reply => ({
  status: 429,
  body: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
});

export const serverError = (status: number): Reply => {
  const title =
    status === 503 ? 'Service Unavailable' : status === 502 ? 'Bad Gateway' : 'Internal Server Error';
  return { status, body: { title, detail: title, type: 'about:blank', status } };
};

export const notFoundRoute = (): Reply => ({
  status: 404,
  body: { errors: [{ message: 'Sorry, that page does not exist', code: 34 }] },
});

/** A 400 for a bad query parameter, as X words it. */
export function invalidRequest(parameter: string, value: string, message: string): Reply {
  return {
    status: 400,
    body: {
      errors: [{ parameters: { [parameter]: [value] }, message }],
      title: 'Invalid Request',
      detail: 'One or more parameters to your request was invalid.',
      type: `${PROBLEMS}/invalid-request`,
    },
  };
}

/** What an app whose access tier lacks an endpoint is told (the follows lookups on the lower tiers). */
export const clientNotEnrolled = (): Reply => ({
  status: 403,
  body: {
    client_id: '28457315',
    detail:
      'When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a Twitter developer App that is attached to a Project. You can create a project via the developer portal.',
    registration_url: 'https://developer.twitter.com/en/docs/projects/overview',
    title: 'Client Forbidden',
    required_enrollment: 'Appropriate Level of API Access',
    reason: 'client-not-enrolled',
    type: `${PROBLEMS}/client-forbidden`,
  },
});

export const forbidden = (detail: string): Reply => ({
  status: 403,
  body: { detail, type: 'about:blank', title: 'Forbidden', status: 403 },
});

/** The inline error of a lookup for an id that cannot be shown (HTTP 200 beside `data`). */
export function lookupError(
  id: string,
  why: 'suspended' | 'missing' | 'unauthorized',
  parameter = 'ids',
): Record<string, unknown> {
  const [title, detail] =
    why === 'suspended'
      ? ['Forbidden', `User has been suspended: [${id}].`]
      : why === 'unauthorized'
        ? ['Authorization Error', `Sorry, you are not authorized to see the user with id: [${id}].`]
        : ['Not Found Error', `Could not find user with ${parameter}: [${id}].`];
  const type =
    why === 'unauthorized' ? `${PROBLEMS}/not-authorized-for-resource` : `${PROBLEMS}/resource-not-found`;
  return { value: id, detail, title, resource_type: 'user', parameter, resource_id: id, type };
}

/** OAuth 2.0 token endpoint refusals. */
export const invalidGrant = (): Reply => ({
  status: 400,
  body: { error: 'invalid_request', error_description: 'Value passed for the token was invalid.' },
});
