import { AbilityBuilder } from '@casl/ability';
import { describe, expect, it } from 'vitest';
import type { AppAbility } from '@vigil/shared/auth/abilities';
import { createPrismaAbility } from '@vigil/shared/auth/casl-prisma';
import { JsonText } from './json-text.ts';
import { presentJsonPage } from './present.ts';

const records = [
  { id: 'a', country: 'KH', title: 'Arrest', location: 'Phnom Penh', status: 'VERIFIED' },
  { id: 'b', country: 'TH', title: 'Charge', location: 'Bangkok', status: 'VERIFIED' },
];

function abilityWith(
  define: (
    can: AbilityBuilder<AppAbility>['can'],
    cannot: AbilityBuilder<AppAbility>['cannot'],
  ) => void,
) {
  const builder = new AbilityBuilder<AppAbility>(createPrismaAbility);
  define(builder.can, builder.cannot);
  return builder.build();
}

describe('presentJsonPage', () => {
  const page = {
    items: records.map((record) => JSON.stringify(record)),
    keys: Object.keys(records[0]!),
    nextCursor: 'next',
  };

  it('when the items go out whole, then PostgreSQL’s text is the body as it is', () => {
    const ability = abilityWith((can) => can('read', 'Incident'));
    const body = presentJsonPage(ability, 'Incident', page);
    expect(body).toBeInstanceOf(JsonText);
    expect((body as JsonText).text).toBe(`{"items":[${page.items.join(',')}],"nextCursor":"next"}`);
    expect(JSON.parse((body as JsonText).text)).toEqual({ items: records, nextCursor: 'next' });
  });

  it('when a rule grants fewer fields, then each item is parsed and those it matches lose the others', () => {
    const ability = abilityWith((can) => {
      can('read', 'Incident', { country: 'KH' });
      can('read', 'Incident', ['id', 'country', 'title', 'status'], { country: 'TH' });
    });
    expect(presentJsonPage(ability, 'Incident', page)).toEqual({
      items: [records[0], { id: 'b', country: 'TH', title: 'Charge', status: 'VERIFIED' }],
      nextCursor: 'next',
    });
  });

  it('when a rule takes a field away, then the items it matches lose it', () => {
    const ability = abilityWith((can, cannot) => {
      can('read', 'Incident');
      cannot('read', 'Incident', ['location'], { country: 'KH' });
    });
    expect(presentJsonPage(ability, 'Incident', page)).toEqual({
      items: [{ id: 'a', country: 'KH', title: 'Arrest', status: 'VERIFIED' }, records[1]],
      nextCursor: 'next',
    });
  });
});
