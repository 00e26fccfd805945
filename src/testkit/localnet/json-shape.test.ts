// The recorded-shape check: which differences it reports and which it lets through.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shapeDiffs, shapeOf } from './json-shape.js';

const FILLS = [
  { coin: 'SUI', px: '1.3189', oid: 189324432, crossed: true, liquidation: null },
  { coin: 'SUI', px: '1.3167', oid: 189324433, crossed: false, cloid: '0xab', liquidation: { markPx: '1.2' } },
];

describe('recorded JSON shape', () => {
  it('accepts an answer of the same shape, with or without the keys only some recorded objects had', () => {
    assert.deepEqual(shapeDiffs([{ coin: 'BTC', px: '30135.0', oid: 1, crossed: false, liquidation: null }], shapeOf(FILLS)), []);
    assert.deepEqual(shapeDiffs([{ coin: 'BTC', px: '1', oid: 2, crossed: true, cloid: null, liquidation: { markPx: '3' } }], shapeOf(FILLS)), []);
    assert.deepEqual(shapeDiffs([], shapeOf(FILLS)), []);
  });

  it('reports a number or a word where the recording has a decimal string', () => {
    assert.deepEqual(shapeDiffs([{ ...FILLS[0], px: 1.3 }], shapeOf(FILLS)), ['$[].px: number 1.3 where the recording has decimal']);
    assert.deepEqual(shapeDiffs([{ ...FILLS[0], px: 'NaN' }], shapeOf(FILLS)), ['$[].px: string "NaN" where the recording has decimal']);
    assert.deepEqual(shapeDiffs([{ ...FILLS[0], oid: 1.5 }], shapeOf(FILLS)), ['$[].oid: number 1.5 where the recording has integer']);
  });

  it('reports null where the recorded key always had one kind of value', () => {
    assert.deepEqual(shapeDiffs([{ ...FILLS[0], px: null }], shapeOf(FILLS)), ['$[].px: null where the recording has decimal']);
  });

  it('reports keys the recording never had and keys every recorded object had', () => {
    const { oid: _oid, ...noOid } = FILLS[0];
    assert.deepEqual(shapeDiffs([{ ...noOid, extra: 1 }], shapeOf(FILLS)), ['$[].extra: key the recording does not have', '$[].oid: missing (every recorded object has it)']);
    assert.deepEqual(shapeDiffs([{ ...noOid, extra: 1 }], shapeOf(FILLS), { addedKeys: { '$[].extra': 'newer' }, droppedKeys: { '$[].oid': 'older' } }), []);
  });

  it('checks nested objects and every element of nested arrays', () => {
    const book = { coin: 'DYDX', levels: [[{ px: '2.1', sz: '1.0', n: 1 }], [{ px: '2.2', sz: '3.0', n: 2 }]] };
    assert.deepEqual(shapeDiffs({ coin: 'BTC', levels: [[{ px: '1.0', sz: '1.0', n: 1 }, { px: '1.0', sz: 2, n: 1 }], []] }, shapeOf(book)), ['$.levels[][].sz: integer 2 where the recording has decimal']);
  });

  it('reads a map place as keys of data, each value checked against the recorded values', () => {
    const mids = shapeOf({ BTC: '30135.0', ETH: '1903.95' });
    assert.deepEqual(shapeDiffs({ HYPE: '30.5' }, mids), ['$.HYPE: key the recording does not have', '$.BTC: missing (every recorded object has it)', '$.ETH: missing (every recorded object has it)']);
    assert.deepEqual(shapeDiffs({ HYPE: '30.5' }, mids, { maps: ['$'] }), []);
    assert.deepEqual(shapeDiffs({ HYPE: 30.5 }, mids, { maps: ['$'] }), ['$.HYPE: number 30.5 where the recording has decimal']);
  });
});
