import { describe, expect, it } from 'vitest';
import { AuditAllowance, nextUtcDay, XReadBudget } from '../../src/store/audit-limits.js';
import { useTestRedis } from '../support/redis.js';

const db = useTestRedis('audit-limits');
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 11, 2, 9, 30);

describe('each person’s allowance of audits', () => {
  it('admits one audit through X per cooldown, says when the next is possible, and six at once admit one', async () => {
    const allowance = new AuditAllowance(db.redis, db.prefix, { xCooldownMs: 12 * HOUR, uploadsPerDay: 10 });
    const six = await Promise.all(
      Array.from({ length: 6 }, (_, i) => allowance.admit('100000000000000001', 'x', `a${i}`, T0)),
    );
    expect(six.filter((a) => a.admitted)).toHaveLength(1);
    expect(six.find((a) => a.admitted)).toMatchObject({ nextAt: T0 + 12 * HOUR });
    for (const refused of six.filter((a) => !a.admitted))
      expect(refused).toEqual({ admitted: false, nextAt: T0 + 12 * HOUR });
    expect((await allowance.admit('100000000000000001', 'x', 'b', T0 + 12 * HOUR - 1)).admitted).toBe(false);
    expect((await allowance.admit('100000000000000001', 'x', 'c', T0 + 12 * HOUR)).admitted).toBe(true);
    // Someone else's allowance is their own.
    expect((await allowance.admit('100000000000000002', 'x', 'd', T0)).admitted).toBe(true);
  });

  it('counts uploads over any 24 hours, and a slot given back is free again', async () => {
    const allowance = new AuditAllowance(db.redis, db.prefix, { xCooldownMs: 12 * HOUR, uploadsPerDay: 3 });
    const person = '100000000000000003';
    const first = await allowance.admit(person, 'upload', 'u1', T0);
    expect(first).toMatchObject({ admitted: true, left: 2, nextAt: null });
    expect(await allowance.admit(person, 'upload', 'u2', T0 + HOUR)).toMatchObject({
      admitted: true,
      left: 1,
      nextAt: null,
    });
    const third = await allowance.admit(person, 'upload', 'u3', T0 + 2 * HOUR);
    // The last slot: the next frees up when the first of the three is a day old.
    expect(third).toMatchObject({ admitted: true, left: 0, nextAt: T0 + 24 * HOUR });
    expect(await allowance.admit(person, 'upload', 'u4', T0 + 3 * HOUR)).toEqual({
      admitted: false,
      nextAt: T0 + 24 * HOUR,
    });
    expect(await allowance.latest(person, 'upload')).toBe('u3');
    await allowance.giveBack(person, 'upload', 'u3');
    expect((await allowance.admit(person, 'upload', 'u5', T0 + 3 * HOUR)).admitted).toBe(true);
    expect((await allowance.admit(person, 'upload', 'u6', T0 + 24 * HOUR)).admitted).toBe(true);
  });

  it('with no limits set still records audits, for the queue’s order', async () => {
    const allowance = new AuditAllowance(db.redis, db.prefix, { xCooldownMs: 0, uploadsPerDay: 0 });
    const person = '100000000000000004';
    for (let i = 0; i < 5; i++)
      expect(await allowance.admit(person, 'x', `x${i}`, T0 + i)).toMatchObject({
        admitted: true,
        nextAt: null,
        left: null,
      });
    await allowance.admit(person, 'upload', 'u', T0);
    expect(await allowance.recent(person, T0 + HOUR)).toBe(6);
    expect(await allowance.recent(person, T0 + 8 * 24 * HOUR)).toBe(0);
  });
});

describe('the operator’s daily budget of X reads', () => {
  it('is spent once the day’s reads reach it, until the next UTC day', async () => {
    const budget = new XReadBudget(db.redis, db.prefix, 1_500);
    expect(await budget.spentUntil(T0)).toBeNull();
    await budget.charge(1_001, T0);
    expect(await budget.spentUntil(T0)).toBeNull();
    await budget.charge(1_000, T0 + HOUR);
    expect(await budget.used(T0)).toBe(2_001);
    expect(await budget.spentUntil(T0 + HOUR)).toBe(Date.UTC(2026, 11, 3));
    expect(await budget.spentUntil(Date.UTC(2026, 11, 3))).toBeNull();
    expect(nextUtcDay(Date.UTC(2026, 11, 31, 23, 59))).toBe(Date.UTC(2027, 0, 1));
    expect(await new XReadBudget(db.redis, db.prefix, 0).spentUntil(T0)).toBeNull();
  });
});
