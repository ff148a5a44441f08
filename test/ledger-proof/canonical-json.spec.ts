import { CanonicalizationError, canonicalBytes, canonicalize, compareUtf16 } from '@ikrar/ledger-proof';

describe('canonicalize (RFC 8785 JCS)', () => {
  it('reproduces the RFC 8785 §3.2.2 example', () => {
    // The input exactly as printed in the RFC (JSON text, parsed by an ordinary JSON parser).
    const input = String.raw`{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }`;
    const expected = String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`;
    expect(canonicalize(JSON.parse(input))).toBe(expected);
  });

  it('produces the RFC 8785 §3.2.4 UTF-8 bytes for that example', () => {
    const input = JSON.parse(String.raw`{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"string":"\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/","literals":[null,true,false]}`);
    const hex = canonicalBytes(input).toString('hex');
    // "string":"€$\u000f\n...  → € is e2 82 ac, \u000f stays escaped as 6 ASCII bytes.
    expect(hex).toContain('22737472696e67223a22e282ac245c75303030665c6e4127');
    expect(hex.startsWith('7b226c69746572616c73223a5b6e756c6c2c747275652c66616c73655d')).toBe(true);
  });

  it('sorts members by UTF-16 code units (RFC 8785 §3.2.3 example)', () => {
    const input = JSON.parse(String.raw`{
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis"
    }`);
    const expected =
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
      '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}';
    expect(canonicalize(input)).toBe(expected);
    // The emoji (surrogate pair D83D DE00) sorts before U+FB33, unlike code point order.
    expect(compareUtf16('\ud83d\ude00', '\ufb33')).toBeLessThan(0);
    expect('\ud83d\ude00'.codePointAt(0)!).toBeGreaterThan(0xfb33);
  });

  it('sorts nested objects, keeps array order and insertion order does not matter', () => {
    const a = { z: { b: 1, a: [3, 1, 2], ä: 'x', A: null }, a: true };
    const b = { a: true, z: { A: null, ä: 'x', a: [3, 1, 2], b: 1 } };
    expect(canonicalize(a)).toBe('{"a":true,"z":{"A":null,"a":[3,1,2],"b":1,"ä":"x"}}');
    expect(canonicalize(b)).toBe(canonicalize(a));
    expect(canonicalize({ aa: 1, a: 2, b: 3, '': 0 })).toBe('{"":0,"a":2,"aa":1,"b":3}');
  });

  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('serializes IEEE-754 %s as %s (RFC 8785 Appendix B)', (bits, expected) => {
    const value = Buffer.from(bits, 'hex').readDoubleBE(0);
    expect(canonicalize(value)).toBe(expected);
    expect(canonicalize([value])).toBe(`[${expected}]`);
  });

  it('escapes strings minimally, with lowercase hex for controls', () => {
    expect(canonicalize('\u0000\u0008\t\n\u000b\f\r\u001f "\\/\u007f\u2028é')).toBe(
      '"\\u0000\\b\\t\\n\\u000b\\f\\r\\u001f \\"\\\\/\u007f\u2028é"',
    );
  });

  it('serializes literals, empty containers and top-level scalars', () => {
    expect(canonicalize(null)).toBe('null');
    expect(canonicalize(true)).toBe('true');
    expect(canonicalize(false)).toBe('false');
    expect(canonicalize([])).toBe('[]');
    expect(canonicalize({})).toBe('{}');
    expect(canonicalize(Object.create(null))).toBe('{}');
    expect(canonicalize('x')).toBe('"x"');
  });

  it('omits undefined members like JSON.stringify and honours toJSON (Date)', () => {
    expect(canonicalize({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(canonicalize({ at: new Date('2024-01-02T03:04:05.678Z') })).toBe('{"at":"2024-01-02T03:04:05.678Z"}');
  });

  it.each<[string, unknown]>([
    ['NaN', { a: NaN }],
    ['Infinity', [Infinity]],
    ['-Infinity', -Infinity],
    ['undefined in an array', [1, undefined]],
    ['undefined at top level', undefined],
    ['bigint', { a: 1n }],
    ['symbol', [Symbol('s')]],
    ['function', { f: () => 1 }],
    ['Map', { m: new Map([['a', 1]]) }],
    ['Set', new Set([1])],
    ['class instance', new (class Point { x = 1 })()],
    ['lone high surrogate in a value', { a: '\ud800' }],
    ['lone low surrogate in a key', { '\udc00x': 1 }],
    ['invalid Date', { d: new Date(NaN) }],
  ])('rejects %s', (_name, value) => {
    expect(() => canonicalize(value)).toThrow(CanonicalizationError);
  });

  it('rejects cycles but accepts shared (acyclic) references', () => {
    const shared = { x: 1 };
    expect(canonicalize({ a: shared, b: [shared] })).toBe('{"a":{"x":1},"b":[{"x":1}]}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalize(cyclic)).toThrow(/cycle/);
  });

  it('is a fixed point: parsing canonical output and canonicalizing again changes nothing', () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const gen = (depth: number): unknown => {
      const r = rnd();
      if (depth > 3 || r < 0.3) {
        const s = rnd();
        if (s < 0.25) return (rnd() - 0.5) * 10 ** Math.floor(rnd() * 40 - 20);
        if (s < 0.5) return String.fromCharCode(...Array.from({ length: 5 }, () => Math.floor(rnd() * 0x3000)));
        if (s < 0.75) return rnd() < 0.5;
        return null;
      }
      if (r < 0.6) return Array.from({ length: Math.floor(rnd() * 4) }, () => gen(depth + 1));
      const o: Record<string, unknown> = {};
      for (let i = 0; i < 4; i++) o[String.fromCharCode(0x20 + Math.floor(rnd() * 0x2000))] = gen(depth + 1);
      return o;
    };
    for (let i = 0; i < 200; i++) {
      const v = gen(0);
      const c = canonicalize(v);
      expect(canonicalize(JSON.parse(c))).toBe(c);
    }
  });
});
