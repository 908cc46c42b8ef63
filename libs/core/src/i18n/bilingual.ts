import type { Request } from 'express';

/**
 * A message in the service's two languages. Operators in a kelurahan office read Indonesian, so
 * Indonesian is what everyone gets; a client that asks for English (`Accept-Language: en`) gets
 * English. Both are written by hand, side by side, where the message is made.
 */
export class Bilingual {
  constructor(
    readonly id: string,
    readonly en: string,
  ) {}

  in(language: Language): string {
    return this[language];
  }

  /** English, for logs and for code that reads an error's message. */
  toString(): string {
    return this.en;
  }
}

export type Language = 'id' | 'en';

export const bilingual = (id: string, en: string): Bilingual => new Bilingual(id, en);

/** Indonesian unless the client prefers English over Indonesian (RFC 9110 Accept-Language). */
export function languageOf(req: Pick<Request, 'acceptsLanguages'>): Language {
  return req.acceptsLanguages('id', 'en') === 'en' ? 'en' : 'id';
}

/** Text in the asked language: a Bilingual is chosen from, anything else is kept as it is. */
export function localised<T>(value: T | Bilingual, language: Language): T | string {
  return value instanceof Bilingual ? value.in(language) : value;
}
