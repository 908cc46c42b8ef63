import { Header } from '@nestjs/common';

/**
 * For a response that carries full NIKs (or another full identity number): no browser, proxy or
 * disk cache may keep a copy. Set on success only; errors carry no personal data.
 */
export const NoStore = () => Header('Cache-Control', 'no-store');
