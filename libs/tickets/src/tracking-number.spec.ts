import {
  newTrackingNumber,
  normaliseTrackingNumber,
  TRACKING_NUMBER_PATTERN,
} from './tracking-number';

describe('normaliseTrackingNumber', () => {
  it.each([
    ['jkt-7k2m-9qxr-a0b1', 'JKT-7K2M-9QXR-A0B1'],
    ['  Jkt-7K2m-9qxR-a0b1 ', 'JKT-7K2M-9QXR-A0B1'],
    // Letters Crockford's alphabet leaves out, read as the digits they look like.
    ['JKT-7K2M-9QXR-AOBI', 'JKT-7K2M-9QXR-A0B1'],
    ['jkt-7k2m-9qxr-a0bl', 'JKT-7K2M-9QXR-A0B1'],
  ])('reads %j as %s', (typed, stored) => {
    expect(normaliseTrackingNumber(typed)).toBe(stored);
    expect(stored).toMatch(TRACKING_NUMBER_PATTERN);
  });

  it('leaves what is no tracking number for the caller to refuse', () => {
    for (const typed of ['12345', 'ABC-7K2M-9QXR-A0B1', 'jkt-7k2m-9qxr', 'JKT-UUUU-0000-0000']) {
      expect(normaliseTrackingNumber(typed)).not.toMatch(TRACKING_NUMBER_PATTERN);
    }
  });

  it('keeps every number the service issues as it is', () => {
    for (let i = 0; i < 1_000; i++) {
      const issued = newTrackingNumber();
      expect(normaliseTrackingNumber(issued.toLowerCase())).toBe(issued);
    }
  });
});
