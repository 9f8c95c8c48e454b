import { describe, it, expect } from 'vitest';
import {
  readActivity,
  topicNames,
  readRelationship,
  relationshipItems,
  usernameFromHref,
} from '../../src/importers/instagram-records.js';
import { repairMojibake, repairMojibakeDeep } from '../../src/importers/mojibake.js';
import { metaJson } from '../../scripts/lib/instagram-writer.js';

describe('Instagram usernames', () => {
  it('are taken from value, then title, then the username label, then the link', () => {
    const link = 'https://www.instagram.com/_u/from_link/';
    expect(
      readRelationship({
        title: 'from_title',
        string_list_data: [{ value: 'from_value', href: link, timestamp: 10 }],
      }),
    ).toEqual({ username: 'from_value', at: 10_000 });
    expect(readRelationship({ title: 'from_title', string_list_data: [{ href: link }] })).toEqual({
      username: 'from_title',
      at: null,
    });
    expect(
      readRelationship({
        timestamp: 20,
        label_values: [
          { label: 'URL', value: '' },
          { label: 'Username', value: 'from_label' },
        ],
      }),
    ).toEqual({ username: 'from_label', at: 20_000 });
    expect(readRelationship({ title: '', string_list_data: [{ href: link, timestamp: 30 }] })).toEqual({
      username: 'from_link',
      at: 30_000,
    });
  });

  it('are not guessed from labels when two values could be one', () => {
    const item = {
      label_values: [
        { label: 'Nimi', value: 'Sarah' },
        { label: 'Kasutajanimi', value: '_sarah_' },
      ],
    };
    expect(readRelationship(item)).toBeNull();
    expect(
      readRelationship({
        label_values: [
          { label: 'Nimi', value: 'Sarah Smith' },
          { label: 'Kasutajanimi', value: '_sarah_' },
        ],
      })?.username,
    ).toBe('_sarah_');
  });

  it('come from profile links with or without /_u/', () => {
    expect(usernameFromHref('https://www.instagram.com/_u/fulano')).toBe('fulano');
    expect(usernameFromHref('https://instagram.com/fulano/?hl=en')).toBe('fulano');
    expect(usernameFromHref('https://www.instagram.com/')).toBeNull();
  });

  it('live in lists, wrappers, or bare objects', () => {
    const item = { title: 'a', string_list_data: [] };
    expect(relationshipItems([item])).toEqual([item]);
    expect(relationshipItems({ relationships_following: [item] })).toEqual([item]);
    expect(relationshipItems({ relationships_following: item })).toEqual([item]);
    expect(relationshipItems(item)).toEqual([item]);
    expect(relationshipItems({ something: 'else' })).toBeNull();
  });
});

describe('Instagram activity records', () => {
  const at = 1_700_000_000;
  const ms = at * 1000;

  it('(A) take the account from title, never from the value, which is an answer or an emoji', () => {
    expect(
      readActivity({
        title: 'fulano',
        string_list_data: [{ href: 'https://www.instagram.com/p/Cx1/', value: 'Yes', timestamp: at }],
      }),
    ).toEqual({ username: 'fulano', name: null, text: null, at: ms });
    // No title: a story link names its owner, a post link names no one.
    expect(
      readActivity({
        string_list_data: [{ href: 'https://www.instagram.com/stories/fulana/3141/', timestamp: at }],
      })?.username,
    ).toBe('fulana');
    expect(
      readActivity({ string_list_data: [{ href: 'https://www.instagram.com/p/Cx1/', timestamp: at }] })
        ?.username,
    ).toBeNull();
  });

  it('(C) read the owner nested in an Owner block, labels localised, with the name it pairs', () => {
    const item = {
      timestamp: at,
      media: [],
      fbid: '17900000000000000',
      label_values: [
        { label: 'URL', value: 'https://www.instagram.com/p/Cx1/' },
        { label: 'Bildunterschrift', value: 'Premiere heute #oper' },
        {
          title: 'Inhaber',
          dict: [
            {
              dict: [
                { label: 'URL', value: 'https://www.instagram.com/fulano' },
                { label: 'Name', value: 'Fulano de Tal' },
                { label: 'Benutzername', value: 'fulano' },
              ],
            },
          ],
        },
      ],
    };
    expect(readActivity(item)).toEqual({
      username: 'fulano',
      name: 'Fulano de Tal',
      text: 'Premiere heute #oper',
      at: ms,
    });
  });

  it('(C) fall back on the profile link when the labels are in a language Tend does not know', () => {
    const item = {
      timestamp: at,
      label_values: [
        {
          title: 'Sahip',
          dict: [
            {
              dict: [
                { label: 'Bağlantı', value: 'https://www.instagram.com/fulano' },
                { label: 'Ad', value: 'Fulano' },
                { label: 'Kimlik', value: 'fulano' },
              ],
            },
          ],
        },
      ],
    };
    expect(readActivity(item)?.username).toBe('fulano');
  });

  it('(D) read comments by their labels, or by elimination in a language Tend does not know', () => {
    const time = { timestamp: at };
    expect(
      readActivity({
        string_map_data: { Comment: { value: 'Lovely' }, 'Media Owner': { value: 'bob' }, Time: time },
      }),
    ).toEqual({ username: 'bob', name: null, text: 'Lovely', at: ms });
    expect(
      readActivity({
        string_map_data: { Kommentti: { value: 'Ihana esitys!' }, Omistaja: { value: 'bob' }, Aika: time },
      }),
    ).toEqual({ username: 'bob', name: null, text: 'Ihana esitys!', at: ms });
    // Older saved posts: the owner in title, the time under "Saved on".
    expect(
      readActivity({
        title: 'bob',
        string_map_data: { 'Saved on': { href: 'https://www.instagram.com/p/Cx1/', timestamp: at } },
      }),
    ).toEqual({ username: 'bob', name: null, text: null, at: ms });
  });

  it('never take a saved collection’s name for an account', () => {
    const collection = { title: 'Recipes', string_map_data: { 'Added Time': { timestamp: at } } };
    expect(readActivity(collection, false)?.username).toBeNull();
  });

  it('are null for what names no account and no time', () => {
    for (const junk of [null, 3, 'x', [], { label_values: 'nope' }, { title: { a: 1 } }])
      expect(readActivity(junk)).toBeNull();
  });
});

describe('Instagram topic names', () => {
  it('come from every shape, without links or numbers', () => {
    expect(
      topicNames({
        title: '',
        string_list_data: [{ href: 'https://www.instagram.com/explore/tags/opera', value: 'opera' }],
      }),
    ).toEqual(['opera']);
    expect(topicNames({ string_map_data: { Name: { value: 'Musical theatre' } } })).toEqual([
      'Musical theatre',
    ]);
    expect(
      topicNames({
        label_values: [
          { label: 'URL', value: 'https://x.y' },
          { label: 'Categories', vec: [{ value: 'Opera' }, { value: '42' }] },
        ],
      }),
    ).toEqual(['Opera']);
  });
});

describe('mojibake', () => {
  it('is repaired only where the bytes really are UTF-8', () => {
    expect(repairMojibake('\u00f0\u009f\u0098\u0081')).toBe('😁');
    expect(repairMojibake('tr\u00c3\u00a8s')).toBe('très');
    expect(repairMojibake('café')).toBe('café');
    expect(repairMojibake('très 😁')).toBe('très 😁');
    expect(repairMojibake('plain')).toBe('plain');
  });

  it('is repaired in keys and values, as Meta writes it', () => {
    const written = metaJson({ Propriétaire: ['Zoë 😁'] });
    expect(written).toContain('Propri\\u00c3\\u00a9taire');
    expect(repairMojibakeDeep(JSON.parse(written))).toEqual({ Propriétaire: ['Zoë 😁'] });
  });
});
