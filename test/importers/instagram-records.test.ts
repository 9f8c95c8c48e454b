import { describe, it, expect } from 'vitest';
import {
  readComment,
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

describe('Instagram comments', () => {
  it('need a media owner and a time', () => {
    const at = { timestamp: 1_700_000_000 };
    expect(
      readComment({
        string_map_data: { Comment: { value: 'Lovely' }, 'Media Owner': { value: 'bob' }, Time: at },
      }),
    ).toEqual({ mediaOwner: 'bob', text: 'Lovely', at: 1_700_000_000_000 });
    expect(readComment({ string_map_data: { Comment: { value: 'Lovely' }, Time: at } })).toBeNull();
    expect(
      readComment({ string_map_data: { Comment: { value: 'Lovely' }, 'Media Owner': { value: 'bob' } } }),
    ).toBeNull();
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
