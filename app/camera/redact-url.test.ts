import { describe, expect, it } from 'vitest';
import { hasSecretParams, keepStoredUrl, redactText, redactUrl } from './redact-url';

describe('redactUrl', () => {
  it('removes userinfo and secret query values, keeps the rest', () => {
    expect(redactUrl('rtsp://admin:12345@192.168.1.64:554/Streaming/Channels/101')).toBe('rtsp://***@192.168.1.64:554/Streaming/Channels/101');
    expect(redactUrl('http://10.0.0.1/a.m3u8?channel=1&token=abc&Password=x&api_key=k&X-Amz-Signature=s')).toBe(
      'http://10.0.0.1/a.m3u8?channel=1&token=***&Password=***&api_key=***&X-Amz-Signature=***',
    );
    expect(redactUrl('http://10.0.0.1/a.m3u8')).toBe('http://10.0.0.1/a.m3u8');
    expect(redactUrl('file:drill/a.mp4')).toBe('file:drill/a.mp4');
  });

  it('removes too much rather than too little on malformed input', () => {
    expect(redactUrl('rtsp://admin:pa/ss?w@10.0.0.1/ch1')).toBe('rtsp://***@10.0.0.1/ch1');
    expect(redactUrl('rtsp://a@b:c@10.0.0.1/x')).toBe('rtsp://***@10.0.0.1/x');
    expect(redactUrl('http://10.0.0.1/a?x=1#token=abc')).toBe('http://10.0.0.1/a?x=1#***');
    expect(redactUrl('http://10.0.0.1/a#secret')).toBe('http://10.0.0.1/a#***');
    expect(redactUrl('http://10.0.0.1/a?%74oken=abc')).toBe('http://10.0.0.1/a?%74oken=***');
  });

  it('finds secret parameters', () => {
    expect(hasSecretParams('a=1&sign=2')).toBe(true);
    expect(hasSecretParams('user=admin')).toBe(true);
    expect(hasSecretParams('channel=1&subtype=0')).toBe(false);
    expect(hasSecretParams(undefined)).toBe(false);
  });
});

describe('redactText', () => {
  it('redacts every URL in a line', () => {
    expect(redactText('[rtsp @ 0x55] method DESCRIBE failed: 401 Unauthorized (rtsp://admin:pw@10.0.0.1/ch1) then "http://u:p@10.0.0.2/x?key=1"')).toBe(
      '[rtsp @ 0x55] method DESCRIBE failed: 401 Unauthorized (rtsp://***@10.0.0.1/ch1) then "http://***@10.0.0.2/x?key=***"',
    );
  });
});

describe('keepStoredUrl', () => {
  it('keeps the stored URL when a client sends its redacted form back', () => {
    const stored = 'rtsp://admin:12345@10.0.0.1/ch1';
    expect(keepStoredUrl('rtsp://***@10.0.0.1/ch1', stored)).toBe(stored);
    expect(keepStoredUrl('rtsp://***@10.0.0.2/ch1', stored)).toBe('rtsp://***@10.0.0.2/ch1');
    expect(keepStoredUrl('rtsp://admin:new@10.0.0.1/ch1', stored)).toBe('rtsp://admin:new@10.0.0.1/ch1');
    expect(keepStoredUrl('rtsp://***@10.0.0.1/ch1', undefined)).toBe('rtsp://***@10.0.0.1/ch1');
  });
});
