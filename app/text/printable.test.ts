import { describe, expect, it } from 'vitest';
import { printable } from './printable';

describe('printable', () => {
  it('escapes control characters so untrusted text cannot forge a log line', () => {
    expect(printable('gridwall/v1/x\nFAKE LINE\r\u001b[31mred\u0000')).toBe('gridwall/v1/x\\nFAKE LINE\\r\\x1b[31mred\\x00');
    expect(printable('abc\u202edcba')).toBe('abc\\u202edcba'); // a bidi override
    expect(printable('石景山 ok')).toBe('石景山 ok');
  });

  it('caps the length', () => {
    expect(printable('x'.repeat(300), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
