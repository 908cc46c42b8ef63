import { scrubIdentityNumbers, scrubUrl } from './redaction';

describe('scrubIdentityNumbers', () => {
  it('cuts every 16-digit number to its first four digits', () => {
    expect(scrubIdentityNumbers('nik=3171014501900001 kk 3171010101010001')).toBe(
      'nik=3171************ kk 3171************',
    );
  });

  it('leaves longer and shorter digit runs alone', () => {
    expect(scrubIdentityNumbers('phone 081234567890, id 12345678901234567')).toBe(
      'phone 081234567890, id 12345678901234567',
    );
  });
});

describe('scrubUrl', () => {
  it('hides an Open311 api_key wherever it stands in the query, and identity numbers too', () => {
    expect(
      scrubUrl('/open311/v2/requests.json?api_key=Secret-Key_1&status=open&API_KEY=x#top'),
    ).toBe('/open311/v2/requests.json?api_key=[redacted]&status=open&API_KEY=[redacted]#top');
    expect(scrubUrl('/x?status=open&api_key=k&id=3171014501900001')).toBe(
      '/x?status=open&api_key=[redacted]&id=3171************',
    );
    expect(scrubUrl('/x?api%5Fkey=k&%61pi_KEY=k2&api_key[]=k3&bad=%E0%A4%A')).toBe(
      '/x?api%5Fkey=[redacted]&%61pi_KEY=[redacted]&api_key[]=[redacted]&bad=%E0%A4%A',
    );
  });

  it('hides the personal data a list is searched by: a phone, an e-mail, a NIK', () => {
    expect(scrubUrl('/api/v1/complaints?q=saluran&reporterPhone=%2B62%20812-3456-7890')).toBe(
      '/api/v1/complaints?q=saluran&reporterPhone=[redacted]',
    );
    expect(scrubUrl('/x?REPORTERPHONE=0812&email=a%40b.id&nik=3171014501900001&kk=1')).toBe(
      '/x?REPORTERPHONE=[redacted]&email=[redacted]&nik=[redacted]&kk=[redacted]',
    );
  });

  it('hides a bearer token in the query string, by its name or by its look', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    expect(scrubUrl(`/api/v1/units?access_token=${jwt}&type=pd`)).toBe(
      '/api/v1/units?access_token=[redacted]&type=pd',
    );
    expect(scrubUrl('/x?token=opaque-123&Access%5FToken=y&id_token=z&refresh_token=w')).toBe(
      '/x?token=[redacted]&Access%5FToken=[redacted]&id_token=[redacted]&refresh_token=[redacted]',
    );
    expect(scrubUrl(`/x?state=1&jwt=${jwt}&auth=Bearer%20${jwt}&q=%65yJhbGciOi.x.y`)).toBe(
      '/x?state=1&jwt=[redacted]&auth=[redacted]&q=[redacted]',
    );
  });

  it('leaves a URL without secrets as it is', () => {
    expect(scrubUrl('/api/v1/complaints?status=proses&my_api_key_count=2')).toBe(
      '/api/v1/complaints?status=proses&my_api_key_count=2',
    );
    expect(scrubUrl('/api/v1/complaints?tokens=3&q=eyJ&sort=eyeglasses')).toBe(
      '/api/v1/complaints?tokens=3&q=eyJ&sort=eyeglasses',
    );
  });
});
