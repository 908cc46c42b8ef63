import AxeBuilder from '@axe-core/playwright';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import sharp from 'sharp';
import { buildConsole, CHROMIUM, CHROMIUM_ARGS } from './support/browser';
import { waitForTicket } from './support/intake-client';
import { startFreshTestApi, TestApi } from './support/test-api';
import { mintToken } from '@crm/core';

/**
 * The console in a real browser (Debian's Chromium, driven by Playwright) against the real API,
 * PostgreSQL and Redis: the journey of one complaint from the operator to the reporter's
 * tracking page, an accessibility check of every screen (axe-core: no serious or critical
 * violation) at an office screen's size and a phone's, and no breach of the console's Content
 * Security Policy. With CONSOLE_SCREENSHOTS=<folder> it saves the screenshots the README shows
 * (`npm run screenshots`).
 */

const SCREENSHOTS = process.env.CONSOLE_SCREENSHOTS;
const GAMBIR = '31.71.01.1001';
const OFFICE = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

jest.setTimeout(180_000);

describe('the console in a browser', () => {
  let api: TestApi;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];
  const policyBreaches: string[] = [];
  const photoDir = mkdtempSync(path.join(tmpdir(), 'console-photos-'));
  let consoleDir: string | undefined;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `No Chromium at ${CHROMIUM}: install Debian's (apt-get install chromium) or set CHROMIUM_PATH`,
      );
    }
    consoleDir = buildConsole();
    api = await startFreshTestApi({ CONSOLE_DIR: consoleDir });
    await api.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}/console`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    if (SCREENSHOTS) mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await api?.close();
    for (const dir of [photoDir, consoleDir])
      if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A tab of its own (its own session), noting every breach of the policy it reports. */
  async function tab(viewport = OFFICE): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'id-ID' });
    contexts.push(context);
    const page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) policyBreaches.push(message.text());
    });
    return page;
  }

  async function signIn(page: Page, role: string, unit: string, name: string, channels = '') {
    await page.goto(`${base}/masuk`);
    await page.selectOption('#role', role);
    await page.fill('#unit', unit);
    await page.fill('#name', name);
    if (channels) await page.fill('#channels', channels);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.getByText(`Masuk sebagai ${name}`).waitFor();
  }

  /** axe-core's serious and critical findings on the page as it is now (none expected). */
  async function accessibilityProblems(page: Page): Promise<string[]> {
    const { violations } = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
  }

  /** The screen checked and, when asked for, saved for the README. */
  async function screen(page: Page, name: string, save = true): Promise<void> {
    expect({ name, problems: await accessibilityProblems(page) }).toEqual({ name, problems: [] });
    // Nothing wider than the window: a phone scrolls down, never sideways.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect({ name, overflow }).toEqual({ name, overflow: 0 });
    if (SCREENSHOTS && save) {
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
    }
  }

  /** The screen checked at its size and at the other one (an office's, a phone's). */
  async function bothSizes(page: Page, name: string): Promise<void> {
    const size = page.viewportSize()!;
    await screen(page, name);
    await page.setViewportSize(size.width === PHONE.width ? OFFICE : PHONE);
    await screen(page, `${name} at the other size`, false);
    await page.setViewportSize(size);
  }

  async function photo(name: string, colour: string): Promise<string> {
    const file = path.join(photoDir, name);
    writeFileSync(
      file,
      await sharp({ create: { width: 800, height: 600, channels: 3, background: colour } })
        .jpeg()
        .toBuffer(),
    );
    return file;
  }

  async function openTicket(page: Page, listPath: string, trackingNumber: string) {
    await page.goto(`${base}${listPath}`);
    await page.getByRole('link', { name: trackingNumber }).click();
    await page.getByRole('heading', { name: new RegExp(trackingNumber) }).waitFor();
  }

  /**
   * A complaint entered through the API, as an operator of the SMS channel, once routing has
   * placed it: routing saves the ticket in the background, and a step a page took on the
   * version before would be refused as stale.
   */
  async function enter(extra: object = {}): Promise<{ id: string; trackingNumber: string }> {
    const res = await api
      .http()
      .post('/api/v1/complaints')
      .set('Authorization', `Bearer ${await api.token('operator', 'diskominfo', ['sms'])}`)
      .send({
        channel: 'sms',
        details: { senderNumber: '081211112222' },
        reporter: { name: 'Sari' },
        description: 'Lampu jalan padam di Jl. Majapahit',
        kelurahanCode: GAMBIR,
        ...extra,
      });
    expect(res.status).toBe(201);
    await waitForTicket(api, res.body.id as string, (ticket) => ticket.routedAt != null);
    return res.body;
  }

  const status = (page: Page, name: string) =>
    page.getByRole('heading', { level: 1 }).getByText(name, { exact: true }).waitFor();

  it('takes a complaint from the operator to the reporter’s tracking page, each screen accessible', async () => {
    // The operator enters an SMS complaint with the reporter's photo.
    const operator = await tab();
    await signIn(operator, 'operator', 'diskominfo', 'Operator SMS', 'sms');
    await operator.getByRole('heading', { name: 'Pengaduan baru' }).waitFor();
    await screen(operator, 'console-operator-form');
    await operator.selectOption('#channel', 'sms');
    await operator.fill('#detail-senderNumber', '081298765432');
    await operator.fill('#reporterName', 'Budi Santoso');
    await operator.fill('#reporterPhone', '081298765432');
    await operator.fill('#reporterNik', '3171011203850002');
    await operator.fill('#description', 'Saluran air tersumbat di depan SD Negeri Gambir 01');
    await operator.selectOption('#category', 'lainnya');
    await operator.fill('#address', 'Jl. Tanah Abang I, Gambir');
    await operator.selectOption('#kelurahan', GAMBIR);
    await operator.setInputFiles('#photos', await photo('laporan.jpg', '#6a8'));
    await operator.getByRole('button', { name: 'Kirim' }).click();
    const saved = await operator.getByRole('status').textContent({ timeout: 20_000 });
    const trackingNumber = /JKT-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(saved ?? '')?.[0];
    expect(trackingNumber).toBeDefined();
    await operator.goto(`${base}/tiket`);
    await operator.getByRole('link', { name: trackingNumber! }).waitFor();
    await screen(operator, 'console-operator-list');

    // Diskominfo reviews it and forwards it to the kelurahan.
    const diskominfo = await tab();
    await signIn(diskominfo, 'diskominfo', 'diskominfo', 'Validator Diskominfo');
    await diskominfo.getByRole('heading', { name: 'Antrean tinjauan' }).waitFor();
    await screen(diskominfo, 'console-review-queue');
    await openTicket(diskominfo, '/tinjauan', trackingNumber!);
    await diskominfo.fill('#toUnit', GAMBIR);
    await diskominfo.fill('#reason', 'Lokasi di wilayah Kelurahan Gambir');
    await screen(diskominfo, 'console-review-ticket');
    await diskominfo.getByRole('button', { name: 'Teruskan', exact: true }).click();
    await status(diskominfo, 'Disposisi');

    // The kelurahan accepts it and follows up with a photo of the work.
    const unit = await tab();
    await signIn(unit, 'unit', GAMBIR, 'Staf Kelurahan Gambir');
    await unit.getByRole('link', { name: trackingNumber! }).waitFor();
    await screen(unit, 'console-unit-tickets');
    await openTicket(unit, '/tiket', trackingNumber!);
    await unit.getByRole('button', { name: 'Terima tiket' }).click();
    await status(unit, 'Proses');
    await unit.fill('#followUpNote', 'Saluran dibersihkan bersama PPSU Gambir');
    await unit.setInputFiles('#evidence', await photo('sesudah.jpg', '#48c'));
    await screen(unit, 'console-unit-follow-up');
    await unit.getByRole('button', { name: 'Kirim' }).click();
    await status(unit, 'Menunggu validasi');

    // Diskominfo sees the report photo and the evidence side by side, and approves.
    await openTicket(diskominfo, '/validasi', trackingNumber!);
    const photos = diskominfo.locator('figure.attachment img');
    await photos.nth(1).waitFor();
    expect(await photos.count()).toBe(2);
    // The reporter's NIK shows masked; the full one is asked for with a reason the API logs.
    await diskominfo.getByText('3171********0002').waitFor();
    await diskominfo.getByRole('button', { name: 'Tampilkan NIK lengkap' }).click();
    await diskominfo.getByText('Permintaan ini dicatat').waitFor();
    await diskominfo.fill('#reveal-nik', 'Memeriksa pelapor di basis data P3KE');
    await screen(diskominfo, 'console-validation');
    await diskominfo.getByRole('button', { name: 'Tampilkan', exact: true }).click();
    await diskominfo.getByText('3171011203850002', { exact: true }).waitFor();
    await diskominfo.getByRole('button', { name: 'Setujui', exact: true }).click();
    await status(diskominfo, 'Selesai');
    // Every stage's deadline, met: forwarding, responding, validating.
    const deadlines = diskominfo.getByRole('region', { name: 'Tenggat per tahap' });
    for (const stage of ['Meneruskan', 'Menanggapi', 'Memvalidasi'])
      await deadlines.getByRole('rowheader', { name: new RegExp(stage) }).waitFor();
    expect(await deadlines.getByText('Tepat waktu').count()).toBe(3);
    await diskominfo.getByText('Tindak lanjut disetujui').waitFor();

    // The dashboard counts it, on the map of the kelurahan.
    await diskominfo.goto(`${base}/dasbor`);
    await diskominfo.getByRole('img', { name: 'Pengaduan per kelurahan' }).waitFor();
    expect(await diskominfo.locator('svg[role=img] path').count()).toBeGreaterThan(250);
    await diskominfo
      .getByRole('row', { name: /Gambir/ })
      .first()
      .waitFor();
    await screen(diskominfo, 'console-dashboard');

    // The reporter tracks it, without signing in.
    const reporter = await tab(PHONE);
    await reporter.goto(`${base}/lacak`);
    await reporter.fill('#trackingNumber', trackingNumber!.toLowerCase());
    await reporter.getByRole('button', { name: 'Lacak', exact: true }).click();
    await reporter.locator('dd').getByText('Selesai', { exact: true }).waitFor();
    await screen(reporter, 'console-track-phone');

    expect(policyBreaches).toEqual([]);
  });

  it('places a complaint by the kelurahan its address names, by typed coordinates, or on the map', async () => {
    const operator = await tab();
    await signIn(operator, 'operator', 'diskominfo', 'Operator SMS', 'sms');
    await operator.selectOption('#channel', 'sms');
    await operator.fill('#detail-senderNumber', '081298765432');
    await operator.fill('#reporterName', 'Rina');
    await operator.fill('#description', 'Trotoar berlubang di depan halte');

    // The address names a kelurahan: the console suggests it, the operator takes it.
    await operator.fill('#address', 'Jl. Kebon Sirih 22, Kel. Kebon Sirih, Kec. Menteng, Jakpus');
    await operator.getByRole('button', { name: 'Pakai Kebon Sirih' }).click();
    expect(await operator.inputValue('#kelurahan')).toBe('31.71.06.1005');
    // A name several kelurahan share: the candidates to choose from.
    await operator.fill('#address', 'Antara Kebon Sirih dan Kebon Kacang');
    await operator.getByText('Alamat ini bisa berarti').waitFor();
    expect(await operator.locator('button.candidate').count()).toBe(2);

    // Coordinates from the reporter's map link; a point outside Jakarta is refused in words.
    await operator.fill('#point', '-6.9175, 107.6191');
    await operator.getByRole('button', { name: 'Cari titik' }).click();
    await operator
      .getByRole('alert')
      .getByText(/Tidak ada kelurahan/)
      .waitFor();
    await operator.fill('#point', 'di dekat Monas');
    await operator.getByRole('button', { name: 'Cari titik' }).click();
    await operator.getByText('Tulis lintang dan bujur dipisah koma').waitFor();
    await operator.fill('#point', '-6.1352, 106.8133');
    await operator.getByRole('button', { name: 'Cari titik' }).click();
    await operator.getByText('Titik ada di Kelurahan Pinangsia').waitFor();
    expect(await operator.inputValue('#kelurahan')).toBe('31.73.03.1008');

    // Or a click on the map of the boundaries.
    await operator.getByRole('button', { name: 'Pilih di peta' }).click();
    const gambir = operator
      .locator('figure.picker path')
      .filter({ has: operator.locator('title', { hasText: 'Gambir — Gambir' }) });
    await gambir.click();
    await operator.getByText('Titik ada di Kelurahan Gambir').waitFor();
    // The first click zooms in around the point; a second one puts it on the street.
    await operator.getByText('Diperbesar di sekitar titik').waitFor();
    const first = await operator.inputValue('#point');
    await gambir.click({ position: { x: 5, y: 5 }, force: true });
    await operator.waitForFunction(
      (before) => (document.querySelector('#point') as HTMLInputElement).value !== before,
      first,
    );
    await gambir.click();
    await operator.getByText('Titik ada di Kelurahan Gambir').waitFor();
    expect(await operator.inputValue('#kelurahan')).toBe(GAMBIR);
    await bothSizes(operator, 'console-operator-place');
    await operator.getByRole('button', { name: 'Kirim', exact: true }).click();
    const opened = await operator.getByRole('link', { name: 'Buka tiket' }).getAttribute('href');
    const id = /tiket\/([0-9a-f-]{36})$/.exec(opened ?? '')![1];

    // The ticket holds the point clicked, inside Gambir, and Gambir as its kelurahan.
    const { body: ticket } = await api
      .http()
      .get(`/api/v1/complaints/${id}`)
      .set('Authorization', `Bearer ${await api.token('diskominfo')}`);
    expect(ticket.kelurahan.code).toBe(GAMBIR);
    const located = await api
      .http()
      .get('/api/v1/regions/locate')
      .query(ticket.location)
      .set('Authorization', `Bearer ${await api.token('diskominfo')}`);
    expect(located.body.kelurahan.code).toBe(GAMBIR);
    expect(policyBreaches).toEqual([]);
  });

  it('keeps a half-filled complaint across a reload and a lapsed sign-in, and forgets it at sign-out', async () => {
    const operator = await tab();
    await signIn(operator, 'operator', 'diskominfo', 'Operator Telepon', 'sms');
    await operator.selectOption('#channel', 'sms');
    await operator.fill('#reporterName', 'Dewi');
    await operator.fill('#description', 'Saluran air tersumbat di Jl. Pinangsia');
    await operator.fill('#point', '-6.1352, 106.8133');
    await operator.getByRole('button', { name: 'Cari titik' }).click();
    await operator.getByText('Titik ada di Kelurahan Pinangsia').waitFor();
    await operator.setInputFiles('#photos', await photo('saluran.jpg', '#4a6fa5'));
    const filledIn = () =>
      operator.waitForFunction(
        () =>
          (document.querySelector('#description') as HTMLTextAreaElement).value ===
            'Saluran air tersumbat di Jl. Pinangsia' &&
          (document.querySelector('#kelurahan') as HTMLSelectElement).value === '31.73.03.1008',
      );

    await operator.reload();
    // Restored, but a browser cannot keep the photo: the operator is told to choose it again.
    await operator
      .getByText('Isian yang belum terkirim dipulihkan. Foto perlu dipilih lagi.')
      .waitFor();
    await filledIn();
    expect(await operator.inputValue('#point')).toBe('-6.1352, 106.8133');
    await operator.getByText('Titik ada di Kelurahan Pinangsia').waitFor();
    await screen(operator, 'console-draft-restored', false);

    // The sign-in lapses mid-call; signing in again finds the form as it was.
    await operator.evaluate(() => sessionStorage.removeItem('crm-console-token'));
    await signIn(operator, 'operator', 'diskominfo', 'Operator Telepon', 'sms');
    await filledIn();

    // Clearing empties every field, the chosen photos included, and the draft with them.
    await operator.setInputFiles('#photos', await photo('saluran-2.jpg', '#4a6fa5'));
    await operator.getByRole('button', { name: 'Kosongkan formulir' }).click();
    expect(await operator.inputValue('#description')).toBe('');
    expect(
      await operator.locator('#photos').evaluate((input: HTMLInputElement) => input.files?.length),
    ).toBe(0);
    await operator.reload();
    await operator.getByRole('heading', { name: 'Pengaduan baru' }).waitFor();
    expect(await operator.getByText('Isian yang belum terkirim dipulihkan').count()).toBe(0);

    // Signing out forgets a draft: the next person at this computer starts from an empty form.
    await operator.fill('#description', 'Catatan yang belum terkirim');
    await operator.getByRole('button', { name: 'Keluar' }).click();
    await signIn(operator, 'operator', 'diskominfo', 'Operator Telepon', 'sms');
    await operator.getByRole('heading', { name: 'Pengaduan baru' }).waitFor();
    expect(await operator.inputValue('#description')).toBe('');
    expect(await operator.getByText('Isian yang belum terkirim dipulihkan').count()).toBe(0);
  });

  it('fits a phone: every screen of the journey at 390×844, and the language switch', async () => {
    // A complaint the operator forwarded to the kelurahan at once.
    const entered = await enter({ assignTo: GAMBIR });
    const phone = await tab(PHONE);
    await phone.goto(`${base}/masuk`);
    await screen(phone, 'console-sign-in-phone');
    await signIn(phone, 'unit', GAMBIR, 'Staf Kelurahan Gambir');
    await screen(phone, 'console-unit-tickets-phone');
    await phone.getByRole('link', { name: entered.trackingNumber }).click();
    await phone.getByRole('heading', { name: /Tiket JKT-/ }).waitFor();
    await screen(phone, 'console-ticket-phone');
    await phone.getByRole('button', { name: 'English' }).click();
    await phone.getByRole('heading', { name: /Ticket JKT-/ }).waitFor();
    expect(await phone.getAttribute('html', 'lang')).toBe('en');
    await screen(phone, 'console-ticket-phone-en');
    expect(policyBreaches).toEqual([]);
  });

  it('finds tickets by their words, and approves several follow-ups at once', async () => {
    const unitToken = await api.token('unit', GAMBIR);
    const waiting: { id: string; trackingNumber: string }[] = [];
    for (const description of ['Pohon tumbang di Jl. Majapahit', 'Pohon tumbang di Jl. Veteran']) {
      const ticket = await enter({ assignTo: GAMBIR, description });
      const as = (path: string, body?: object) =>
        api
          .http()
          .post(`/api/v1/complaints/${ticket.id}/${path}`)
          .set('Authorization', `Bearer ${unitToken}`)
          .send(body);
      expect((await as('accept')).status).toBeLessThan(300);
      expect((await as('follow-ups', { note: 'Pohon dipotong dan diangkut' })).status).toBeLessThan(
        300,
      );
      waiting.push(ticket);
    }
    const diskominfo = await tab();
    await signIn(diskominfo, 'diskominfo', 'diskominfo', 'Validator Diskominfo');
    await diskominfo.goto(`${base}/validasi`);
    await diskominfo.fill('#q', 'majapahit');
    await diskominfo.getByRole('button', { name: 'Cari', exact: true }).click();
    await diskominfo.getByText('1 tiket').waitFor();
    await diskominfo.getByRole('link', { name: waiting[0].trackingNumber }).waitFor();
    await diskominfo.fill('#q', 'pohon tumbang');
    await diskominfo.getByRole('button', { name: 'Cari', exact: true }).click();
    await diskominfo.getByText('2 tiket').waitFor();
    for (const ticket of waiting)
      await diskominfo.getByLabel(`pilih ${ticket.trackingNumber}`).check();
    await screen(diskominfo, 'console-validation-queue');
    await diskominfo.getByRole('button', { name: 'Setujui yang dipilih (2)' }).click();
    await diskominfo.getByText('Disetujui: 2. Ditolak sistem: 0.').waitFor();
    for (const ticket of waiting) {
      const tracked = await api.http().get(`/api/v1/complaints/track/${ticket.trackingNumber}`);
      expect(tracked.body.status).toBe('selesai');
    }
  });

  it('shows Diskominfo the tickets alike, and rejects a duplicate linked to its original', async () => {
    const reporter = { name: 'Dewi', phone: '081355556666' };
    const original = await enter({
      reporter,
      category: 'lainnya',
      description: 'Jalan berlubang di Jl. Veteran I',
    });
    const repeat = await enter({
      reporter,
      category: 'lainnya',
      description: 'Jalan Veteran I berlubang, belum diperbaiki',
    });
    // Routing finds the likeness in the background.
    await waitForTicket(
      api,
      repeat.id,
      (ticket) => (ticket.possibleDuplicates as unknown[]).length > 0,
    );
    const diskominfo = await tab();
    await signIn(diskominfo, 'diskominfo', 'diskominfo', 'Validator Diskominfo');
    await diskominfo
      .getByRole('row', { name: new RegExp(repeat.trackingNumber) })
      .getByText('kemungkinan duplikat')
      .waitFor();
    await openTicket(diskominfo, '/tinjauan', repeat.trackingNumber);
    await diskominfo.getByRole('link', { name: original.trackingNumber }).waitFor();
    await diskominfo.selectOption('#duplicateOf', original.id);
    await diskominfo.fill('#rejectReason', 'Sama dengan laporan sebelumnya dari pelapor yang sama');
    await bothSizes(diskominfo, 'console-duplicate');
    await diskominfo.getByRole('button', { name: 'Tutup sebagai ditolak' }).click();
    await status(diskominfo, 'Ditolak');
    const rejected = await waitForTicket(api, repeat.id, (ticket) => ticket.status === 'ditolak');
    expect(rejected.duplicateOf).toBe(original.id);
  });

  it('lets the holding kelurahan take a ticket on, and re-route one that is not its own', async () => {
    const entered = await enter({ assignTo: GAMBIR });
    const unit = await tab();
    await signIn(unit, 'unit', GAMBIR, 'Staf Kelurahan Gambir');
    await openTicket(unit, '/tiket', entered.trackingNumber);
    await unit.getByRole('button', { name: 'Saya yang menangani' }).click();
    await unit.getByText('Kelurahan Gambir · Staf Kelurahan Gambir').waitFor();
    await unit.getByRole('heading', { name: 'Alihkan ke unit lain' }).waitFor();
    await unit.fill('#toUnit', '31.71.01.1002');
    await unit.fill('#reason', 'Lokasi ada di wilayah Cideng');
    await unit.getByRole('button', { name: 'Teruskan', exact: true }).click();
    await unit.locator('dd').getByText('Kelurahan Cideng', { exact: true }).waitFor();
    expect(await unit.getByRole('heading', { name: 'Alihkan ke unit lain' }).count()).toBe(0);
  });

  it('takes a poor citizen not in P3KE through the registry check, the application, the triage, the verification and the Musyawarah', async () => {
    const entered = await enter({
      category: 'belum-terdata',
      description: 'Keluarga Budi tidak punya makanan hari ini dan belum menerima bantuan',
      address: 'Jl. Tanah Abang I No. 7, Gambir',
    });

    // Diskominfo checks the NIK: not in P3KE, so the application form follows.
    const diskominfo = await tab();
    await signIn(diskominfo, 'diskominfo', 'diskominfo', 'Validator Diskominfo');
    await openTicket(diskominfo, '/tinjauan', entered.trackingNumber);
    await diskominfo.fill('#registryNik', '3171011203850002');
    await diskominfo.getByRole('button', { name: 'Periksa di P3KE' }).click();
    await diskominfo.getByText('Belum terdaftar (NIK 3171********0002)').waitFor();

    // The household: the head and his wife, with what they spend and why it cannot wait.
    await diskominfo.fill('#kk', '3171011503100001');
    await diskominfo.fill('#expenditure', '900000');
    await diskominfo.fill('#member-0-name', 'Budi Santoso');
    await diskominfo.fill('#member-0-nik', '3171011203850002');
    await diskominfo.selectOption('#member-0-sex', 'L');
    await diskominfo.fill('#member-0-birthDate', '1985-03-12');
    await diskominfo.getByRole('button', { name: 'Tambah anggota' }).click();
    await diskominfo.fill('#member-1-name', 'Siti Aminah');
    await diskominfo.fill('#member-1-nik', '3171015203870001');
    await diskominfo.fill('#member-1-relation', 'Istri');
    await diskominfo.selectOption('#member-1-sex', 'P');
    await diskominfo.fill('#member-1-birthDate', '1987-03-12');
    await diskominfo.getByLabel('Tidak ada makanan hari ini').check();
    await bothSizes(diskominfo, 'console-not-in-database');
    // A reload (or a wrong tap on Back) before sending loses none of the household.
    await diskominfo.reload();
    await diskominfo.getByText('Isian yang belum terkirim dipulihkan').waitFor();
    expect(await diskominfo.inputValue('#member-1-name')).toBe('Siti Aminah');
    expect(await diskominfo.inputValue('#expenditure')).toBe('900000');
    expect(await diskominfo.getByLabel('Tidak ada makanan hari ini').isChecked()).toBe(true);
    await diskominfo.getByRole('button', { name: 'Kirim', exact: true }).click();
    await diskominfo.getByText('Saran sistem: Miskin, Darurat').waitFor();
    // Recorded: the draft is gone.
    expect(
      await diskominfo.evaluate(() =>
        Object.keys(sessionStorage).filter((key) => key.startsWith('crm-console-draft:')),
      ),
    ).toEqual([]);

    // The suggestion is an emergency: the triage opens Dinsos's handling ticket at once.
    expect(await diskominfo.getByLabel('Darurat: buka tiket penanganan sekarang').isChecked()).toBe(
      true,
    );
    await diskominfo.fill('#triageReason', 'Tidak ada makanan hari ini; Dinsos mengirim bantuan');
    await diskominfo.getByRole('button', { name: 'Triase', exact: true }).click();
    await diskominfo.getByRole('link', { name: 'Tiket penanganan darurat' }).click();
    await diskominfo.locator('dd').getByText('Dinas Sosial', { exact: false }).first().waitFor();

    // Dinsos's verifier, on a phone in the field, finds the household and records the result.
    const verifier = await tab(PHONE);
    await signIn(verifier, 'verifier', 'dinsos', 'Verifikator Dinsos');
    await verifier.getByRole('heading', { name: /Rumah tangga Budi Santoso/ }).waitFor();
    await verifier.getByText('3171********0002').first().waitFor();
    // The head's full NIK, to match the family card at the door: asked for with a reason, logged.
    await verifier.getByRole('button', { name: 'Tampilkan NIK lengkap' }).click();
    await verifier
      .getByLabel('Alasan (10–500 karakter)')
      .fill('Mencocokkan KK saat kunjungan rumah');
    await verifier.getByRole('button', { name: 'Tampilkan', exact: true }).click();
    await verifier.getByText('3171011203850002', { exact: true }).waitFor();
    await verifier.getByLabel('Catatan').fill('Keluarga ditemui di rumah; kondisi sesuai laporan');
    await bothSizes(verifier, 'console-prelist-verifier-phone');
    await verifier.getByRole('button', { name: 'Kirim', exact: true }).click();
    await verifier.getByText('Dinas Sosial: Ditemukan').waitFor();

    // The kelurahan's Musyawarah decides the household is eligible.
    const kelurahan = await tab();
    await signIn(kelurahan, 'unit', GAMBIR, 'Staf Kelurahan Gambir');
    await kelurahan.goto(`${base}/prelist`);
    await kelurahan.getByRole('heading', { name: /Rumah tangga Budi Santoso/ }).waitFor();
    await kelurahan.getByLabel('Layak', { exact: true }).check();
    await kelurahan.getByLabel('Catatan').fill('Musyawarah 3 Desember: disepakati layak');
    await bothSizes(kelurahan, 'console-muskel');
    await kelurahan.getByRole('button', { name: 'Kirim', exact: true }).click();
    await kelurahan.getByText('Layak · ').waitFor();
    expect(policyBreaches).toEqual([]);
  });

  it('takes a person whose token the API no longer accepts back to the sign-in page', async () => {
    const page = await tab();
    await signIn(page, 'unit', GAMBIR, 'Staf Kelurahan Gambir');
    // A token the API refuses (signed with another secret) though its expiry has not come.
    const refused = await mintToken('a-secret-the-service-does-not-have-0123456789', {
      sub: 'staf-gambir',
      role: 'unit',
      unit: GAMBIR,
    });
    await page.evaluate((token) => sessionStorage.setItem('crm-console-token', token), refused);
    await page.goto(`${base}/tiket`);
    await page.waitForURL(`${base}/masuk`);
    await page.getByRole('heading', { name: 'Masuk', exact: true }).waitFor();
  });

  it('says what changed when someone else changed the ticket first, and lets the user retry', async () => {
    const diskominfo = await tab();
    await signIn(diskominfo, 'diskominfo', 'diskominfo', 'Validator Diskominfo');
    // A complaint waiting for review, and someone forwarding it while this page is open.
    const entered = await enter();
    await openTicket(diskominfo, '/tinjauan', entered.trackingNumber);
    const other = await api
      .http()
      .post(`/api/v1/complaints/${entered.id}/dispositions`)
      .set('Authorization', `Bearer ${await api.token('diskominfo')}`)
      .send({ toUnit: GAMBIR, reason: 'Diteruskan dari meja lain' });
    expect(other.status).toBeLessThan(300);
    await diskominfo.fill('#toUnit', '31.71.01.1002');
    await diskominfo.fill('#reason', 'Lokasi di Cideng');
    await diskominfo.getByRole('button', { name: 'Teruskan', exact: true }).click();
    await diskominfo.getByText('baru saja diubah orang lain').waitFor();
    await diskominfo.getByRole('button', { name: 'Muat ulang' }).click();
    await status(diskominfo, 'Disposisi');
    await diskominfo.getByText('Diteruskan dari meja lain').waitFor();
  });

  it("opens the queues' board to an admin who pastes a token, and says why another role may not", async () => {
    const page = await tab();
    // Bull's own page links Google Fonts: the service takes the link out, so the admin's browser
    // asks no one else for anything.
    const elsewhere: string[] = [];
    const origin = new URL(base).origin;
    page.on('request', (request) => {
      if (!request.url().startsWith(origin) && !request.url().startsWith('data:'))
        elsewhere.push(request.url());
    });
    await page.goto(`${base.replace(/\/console$/, '')}/admin/queues`);
    await page.getByRole('heading', { name: /Dasbor antrean/ }).waitFor();
    await screen(page, 'admin-queues-sign-in', false);

    await page.fill('#token', await api.token('unit'));
    await page.getByRole('button', { name: /Masuk/ }).click();
    await page
      .getByRole('alert')
      .getByText(/peran unit tidak berwenang/)
      .waitFor();
    await screen(page, 'admin-queues-refused', false);

    await page.fill('#token', await api.token('admin'));
    await page.getByRole('button', { name: /Masuk/ }).click();
    // Bull's board, drawn by its own scripts under the service's policy, lists the queues.
    for (const queue of ['routing', 'sla', 'notifications']) {
      await page
        .getByRole('link', { name: new RegExp(`^${queue}`, 'i') })
        .first()
        .waitFor();
    }
    expect(policyBreaches).toEqual([]);
    expect(elsewhere).toEqual([]);
  });
});
