import { createHmac } from 'node:crypto';
import { DataSource } from 'typeorm';
import { HttpReceiver, SmtpReceiver } from './support/receivers';
import { act, jakiPush, postJaki, waitForTicket } from './support/intake-client';
import { startFreshTestApi, TestApi } from './support/test-api';

/** Polls `read` until `done` holds (about 20 s at most), and returns its last value. */
async function eventually<T>(read: () => Promise<T> | T, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; ; i++) {
    const value = await read();
    if (done(value) || i >= 200) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const KELURAHAN = '31.71.01.1001';
const JAKI_SECRET = process.env.JAKI_WEBHOOK_SECRET!;
const GATEWAY_TOKEN = 'gateway-token-123';

/**
 * The reporter's loop end to end, against real receivers started here: JAKI's callback, the SMS
 * gateway and SP4N-LAPOR! as local HTTP servers, e-mail through a real SMTP server. The API runs
 * on a database and queues of its own, so no other suite's process delivers these notices.
 */
describe('closing the loop with the reporter', () => {
  let api: TestApi;
  let db: DataSource;
  const jaki = new HttpReceiver();
  const sms = new HttpReceiver();
  const lapor = new HttpReceiver();
  const smtp = new SmtpReceiver();
  let auth: (
    role: 'diskominfo' | 'admin' | 'unit' | 'operator',
    channels?: string[],
  ) => Promise<Record<string, string>>;

  beforeAll(async () => {
    await Promise.all([jaki.start('/crm'), sms.start('/send'), lapor.start('/tl'), smtp.start()]);
    api = await startFreshTestApi({
      JAKI_CALLBACK_URL: jaki.url,
      SMS_GATEWAY_URL: sms.url,
      SMS_GATEWAY_TOKEN: GATEWAY_TOKEN,
      LAPOR_API_URL: lapor.url,
      LAPOR_API_TOKEN: GATEWAY_TOKEN,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'CRM <crm@jakarta.go.id>',
      PUBLIC_BASE_URL: 'https://crm.example.go.id',
    });
    db = api.app.get(DataSource);
    auth = async (role, channels) => ({
      Authorization: `Bearer ${await api.token(role, role === 'unit' ? KELURAHAN : 'diskominfo', channels)}`,
    });
  });
  afterAll(async () => {
    await api.close();
    await Promise.all([jaki.stop(), sms.stop(), lapor.stop(), smtp.stop()]);
  });

  /** A JAKI complaint at Monas, placed on its kelurahan, taken up and followed up. */
  async function followedUp(note = 'Lampu sudah diganti oleh PPSU') {
    const pushed = await postJaki(api, jakiPush());
    expect(pushed.status).toBe(201);
    const id = String(pushed.body.id);
    await waitForTicket(api, id, (t) => t.status === 'disposisi');
    expect((await act(api, id, 'accept', await auth('unit'))).status).toBe(200);
    expect((await act(api, id, 'follow-ups', await auth('unit'), { note })).status).toBe(200);
    return { id, externalId: String(pushed.body.externalId ?? ''), pushed };
  }

  async function approve(id: string) {
    const res = await act(api, id, 'validation', await auth('diskominfo'), {
      decision: 'approve',
    });
    expect(res.status).toBe(200);
  }

  async function notices(id: string) {
    const res = await api
      .http()
      .get(`/api/v1/complaints/${id}/notices`)
      .set(await auth('diskominfo'));
    expect(res.status).toBe(200);
    return res.body as {
      recipient: string;
      kind: string;
      channel: string;
      status: string;
      attempts: number;
      text: string;
      version: number;
    }[];
  }

  it('tells JAKI of received, placed and done — signed, in order, each once', async () => {
    const { id, pushed } = await followedUp();
    await approve(id);
    const trackingNumber = String(pushed.body.trackingNumber);
    const mine = () => jaki.delivered((r) => r.json.trackingNumber === trackingNumber);
    const got = await eventually(mine, (all) => all.length >= 3);
    expect(got.map((r) => r.json.stage)).toEqual(['diterima', 'diteruskan', 'selesai']);
    for (const request of got) {
      const expected = createHmac('sha256', JAKI_SECRET).update(request.body).digest('hex');
      expect(request.headers['x-crm-signature']).toBe(`sha256=${expected}`);
      expect(request.json).toMatchObject({
        externalId: expect.stringMatching(/^JAKI-/),
        trackingNumber,
        version: expect.any(Number),
        reporterUrl: expect.stringMatching(
          /^https:\/\/crm\.example\.go\.id\/api\/v1\/reporter\/[A-Za-z0-9_-]{44}$/,
        ),
      });
      // The reporter's own words and contacts are not in what is sent back.
      expect(request.body).not.toMatch(/Siti|081234567890|siti@example/);
    }
    const versions = got.map((r) => r.json.version as number);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    expect(new Set(versions).size).toBe(3);
    expect(got[1].json.text).toContain('Kelurahan');
    expect(got[2].json.text).toContain('Lampu sudah diganti oleh PPSU');
    expect(got[2].json.status).toBe('selesai');
    // Nothing more arrives: each message once.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(mine()).toHaveLength(3);
    const list = await notices(id);
    expect(list.filter((n) => n.recipient === 'reporter').map((n) => [n.kind, n.status])).toEqual([
      ['acknowledgement', 'sent'],
      ['placed', 'sent'],
      ['done', 'sent'],
    ]);
    // The stored text keeps the link a placeholder: the token is never written down.
    expect(list.every((n) => !/reporter\/[A-Za-z0-9_-]{44}/.test(n.text))).toBe(true);
  });

  it('retries a receiver that answers 500 or stalls, and keeps the reporter’s order', async () => {
    const pushed = await postJaki(api, jakiPush());
    const trackingNumber = String(pushed.body.trackingNumber);
    let tries = 0;
    // The first message stalls past the sender's 5 s timeout, the second attempt gets a 500,
    // the third is taken.
    jaki.answer = async (request) => {
      if (request.json.trackingNumber !== trackingNumber) return 200;
      tries += 1;
      if (tries === 1) await new Promise((resolve) => setTimeout(resolve, 6_000));
      return tries === 2 ? 500 : 200;
    };
    try {
      const got = await eventually(
        () => jaki.delivered((r) => r.json.trackingNumber === trackingNumber),
        (all) => all.length >= 2,
      );
      expect(got.map((r) => r.json.stage)).toEqual(['diterima', 'diteruskan']);
      expect(
        jaki.answered
          .filter((r) => r.json.trackingNumber === trackingNumber)
          .map((r) => [r.json.stage, r.status]),
      ).toEqual([
        ['diterima', 500],
        ['diterima', 200],
        ['diteruskan', 200],
      ]);
      // The stalled attempt and the 500 were the same message: one version, sent until taken.
      const versions = jaki.answered
        .filter((r) => r.json.trackingNumber === trackingNumber)
        .map((r) => r.json.version);
      expect(versions[0]).toBe(versions[1]);
      const list = await notices(String(pushed.body.id));
      expect(list.find((n) => n.kind === 'acknowledgement')).toMatchObject({
        status: 'sent',
        attempts: 3,
      });
    } finally {
      jaki.answer = () => 200;
    }
  }, 60_000);

  it('sends SMS and e-mail reporters theirs through the gateway and SMTP', async () => {
    const operator = await auth('operator', ['sms', 'email']);
    const bySms = await api
      .http()
      .post('/api/v1/complaints')
      .set(operator)
      .send({
        channel: 'sms',
        reporter: { name: 'Budi', phone: '0812 3333 4444' },
        details: { senderNumber: '081233334444' },
        description: 'Saluran air tersumbat di depan rumah',
        assignTo: KELURAHAN,
      });
    expect(bySms.status).toBe(201);
    const byMail = await api
      .http()
      .post('/api/v1/complaints')
      .set(operator)
      .send({
        channel: 'email',
        reporter: { name: 'Ani', email: 'ani@example.com' },
        details: { fromAddress: 'ani@example.com', subject: 'Jalan rusak' },
        description: 'Jalan berlubang di depan sekolah',
        assignTo: KELURAHAN,
      });
    expect(byMail.status).toBe(201);

    const texts = await eventually(
      () => sms.delivered((r) => String(r.json.text).includes(String(bySms.body.trackingNumber))),
      (all) => all.length >= 2,
    );
    expect(texts.map((r) => r.json.to)).toEqual(['0812 3333 4444', '0812 3333 4444']);
    expect(texts[0].headers.authorization).toBe(`Bearer ${GATEWAY_TOKEN}`);
    expect(texts[0].json.reference).toMatch(/^crm-notice-\d+$/);

    const tracking = String(byMail.body.trackingNumber);
    const mails = await eventually(
      () => smtp.mails.filter((m) => unfold(m.raw).includes(tracking)),
      (all) => all.length >= 2,
    );
    // The notices are sent by the queue side by side: they may arrive in either order.
    const received = mails.find((m) =>
      unfold(m.raw).includes(`Subject: Pengaduan ${tracking} diterima`),
    );
    expect(received).toBeDefined();
    expect(received!.to).toEqual(['ani@example.com']);
    expect(received!.from).toBe('crm@jakarta.go.id');
    expect(received!.raw).toMatch(/text\/plain/);
    expect(received!.raw).toMatch(/text\/html/);
  });

  it('answers a LAPOR 1708 complaint through SP4N-LAPOR!', async () => {
    const laporId = `LAPOR-${Date.now()}`;
    const entered = await api
      .http()
      .post('/api/v1/complaints')
      .set(await auth('operator', ['lapor-1708']))
      .send({
        channel: 'lapor-1708',
        reporter: { name: 'Dewi', phone: '081255556666' },
        details: { laporTrackingId: laporId },
        description: 'Bantuan sosial belum cair',
        assignTo: KELURAHAN,
      });
    expect(entered.status).toBe(201);
    const got = await eventually(
      () => lapor.delivered((r) => r.json.laporTrackingId === laporId),
      (all) => all.length >= 2,
    );
    expect(got.map((r) => r.json)).toEqual([
      expect.objectContaining({
        laporTrackingId: laporId,
        trackingNumber: entered.body.trackingNumber,
        status: expect.any(String),
        text: expect.stringContaining(String(entered.body.trackingNumber)),
        at: expect.any(String),
      }),
      expect.objectContaining({ laporTrackingId: laporId, status: 'disposisi' }),
    ]);
    expect(got[0].headers.authorization).toBe(`Bearer ${GATEWAY_TOKEN}`);
    // Nothing went to the reporter's phone: LAPOR! answers its own reporters.
    expect(sms.delivered((r) => r.json.to === '081255556666')).toHaveLength(0);
  });

  it('gives a Twitter complaint’s reporter a reply task in the operator’s queue', async () => {
    const operator = await auth('operator', ['twitter']);
    const tweet = await api
      .http()
      .post('/api/v1/complaints')
      .set(operator)
      .send({
        channel: 'twitter',
        reporter: { name: '@warga_gambir' },
        details: { handle: '@warga_gambir', postUrl: 'https://twitter.com/warga_gambir/status/9' },
        description: 'Trotoar rusak di Jalan Medan Merdeka',
        assignTo: KELURAHAN,
      });
    expect(tweet.status).toBe(201);
    const tasks = await eventually(
      async () =>
        (
          await api
            .http()
            .get('/api/v1/replies?status=pending')
            .set(await auth('operator', ['twitter']))
        ).body.data as Record<string, unknown>[],
      (data) => data.filter((t) => t.complaintId === tweet.body.id).length >= 2,
    );
    const mine = tasks.filter((t) => t.complaintId === tweet.body.id);
    expect(mine.map((t) => t.kind)).toEqual(['acknowledgement', 'placed']);
    expect(mine[0]).toMatchObject({
      channel: 'twitter',
      trackingNumber: tweet.body.trackingNumber,
      text: expect.stringContaining(String(tweet.body.trackingNumber)),
      reporterUrl: expect.stringMatching(/\/api\/v1\/reporter\/[A-Za-z0-9_-]{44}$/),
      dueAt: expect.any(String),
    });
    expect(String(mine[0].text)).toContain(String(mine[0].reporterUrl));
    // Another channel's operator does not see it; marking it done is this channel's.
    const other = await api
      .http()
      .get('/api/v1/replies')
      .set(await auth('operator', ['facebook']));
    expect((other.body.data as { complaintId: string }[]).map((t) => t.complaintId)).not.toContain(
      tweet.body.id,
    );
    const refused = await api
      .http()
      .post(`/api/v1/replies/${String(mine[0].id)}/sent`)
      .set(await auth('operator', ['facebook']));
    expect(refused.status).toBe(404);
    const done = await api
      .http()
      .post(`/api/v1/replies/${String(mine[0].id)}/sent`)
      .set(operator);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'sent', sentAt: expect.any(String) });
  });

  it('shows only validated follow-ups on the public timeline', async () => {
    const { id, pushed } = await followedUp('Draf: belum diperiksa');
    const tracking = String(pushed.body.trackingNumber);
    const track = async () =>
      (await api.http().get(`/api/v1/complaints/track/${tracking}`)).body as {
        timeline: { stage: string; text?: string }[];
      };
    expect(JSON.stringify(await track())).not.toContain('Draf');
    // Sent back: still not public.
    const back = await act(api, id, 'validation', await auth('diskominfo'), {
      decision: 'reject',
      note: 'Foto bukti belum ada',
    });
    expect(back.status).toBe(200);
    expect(JSON.stringify(await track())).not.toMatch(/Draf|Foto bukti/);
    expect(
      (
        await act(api, id, 'follow-ups', await auth('unit'), {
          note: 'Lampu diganti, NIK 3171010101900001',
        })
      ).status,
    ).toBe(200);
    await approve(id);
    const { timeline } = await track();
    expect(timeline.map((e) => e.stage)).toEqual([
      'diterima',
      'diteruskan',
      'diproses',
      'tindak_lanjut',
      'selesai',
    ]);
    const followUp = timeline.find((e) => e.stage === 'tindak_lanjut')!;
    expect(followUp.text).toMatch(/^Lampu diganti/);
    expect(followUp.text).not.toContain('3171010101900001');
    expect(JSON.stringify(timeline)).not.toMatch(/Draf|Foto bukti|Siti|test-unit/);
  });

  describe('the reporter’s link', () => {
    async function linkOf(id: string): Promise<string> {
      const notice = await eventually(
        async () =>
          (await db.query(
            `SELECT 1 FROM notifications WHERE complaint_id = $1 AND kind = 'done' AND status = 'sent'`,
            [id],
          )) as unknown[],
        (rows) => rows.length > 0,
      );
      expect(notice).toHaveLength(1);
      const [message] = jaki
        .delivered()
        .map((r) => r.json)
        .filter((m) => m.stage === 'selesai' && m.reporterUrl)
        .filter((m) => String(m.reporterUrl).length > 0)
        .slice(-1);
      return new URL(String(message.reporterUrl)).pathname;
    }

    it('lets the reporter dispute within 10 working days: back to the unit, once', async () => {
      const { id } = await followedUp();
      await approve(id);
      const link = await linkOf(id);
      const view = await api.http().get(link);
      expect(view.status).toBe(200);
      expect(view.body).toMatchObject({
        status: 'selesai',
        canDispute: true,
        canRate: true,
        disputeUntil: expect.any(String),
      });
      const disputed = await api
        .http()
        .post(`${link}/dispute`)
        .send({ reason: 'Lampunya mati lagi sejak kemarin' });
      expect(disputed.status).toBe(200);
      expect(disputed.body).toMatchObject({ status: 'tl_ditolak', canDispute: false });
      const ticket = await waitForTicket(api, id, (t) => t.status === 'tl_ditolak');
      expect(ticket.assignedUnit).toMatchObject({ code: KELURAHAN });
      const history = await api
        .http()
        .get(`/api/v1/complaints/${id}/history`)
        .set(await auth('diskominfo'));
      expect(history.body.slice(-1)[0]).toMatchObject({
        type: 'disputed',
        role: 'reporter',
        reason: 'Lampunya mati lagi sejak kemarin',
        toStatus: 'tl_ditolak',
      });
      // The unit that closed it is told.
      const told = await eventually(
        () => notices(id),
        (all) => all.some((n) => n.recipient === KELURAHAN && n.text.includes('keberatan')),
      );
      expect(told.some((n) => n.recipient === KELURAHAN && n.text.includes('keberatan'))).toBe(
        true,
      );
      // A second dispute, once it is closed again, is refused.
      expect(
        (await act(api, id, 'follow-ups', await auth('unit'), { note: 'Diganti lagi' })).status,
      ).toBe(200);
      await approve(id);
      const again = await api.http().post(`${link}/dispute`).send({ reason: 'Masih mati juga' });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('ALREADY_DISPUTED');
    });

    it('refuses a dispute after the window with 409', async () => {
      const { id } = await followedUp();
      await approve(id);
      const link = await linkOf(id);
      // Closed three weeks ago: past ten working days whatever the holidays.
      await db.query(`UPDATE complaints SET closed_at = now() - interval '21 days' WHERE id = $1`, [
        id,
      ]);
      expect((await api.http().get(link)).body).toMatchObject({ canDispute: false });
      const late = await api.http().post(`${link}/dispute`).send({ reason: 'Lampunya mati lagi' });
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('DISPUTE_WINDOW_PASSED');
      // Sixty days after closing the link is gone.
      await db.query(`UPDATE complaints SET closed_at = now() - interval '61 days' WHERE id = $1`, [
        id,
      ]);
      expect((await api.http().get(link)).status).toBe(404);
    });

    it('takes one rating, which the dashboard shows for the unit', async () => {
      const { id } = await followedUp();
      await approve(id);
      const link = await linkOf(id);
      const rated = await api.http().post(`${link}/rating`).send({ score: 4, comment: 'Cepat' });
      expect(rated.status).toBe(200);
      expect(rated.body).toMatchObject({ canRate: false, rating: { score: 4, comment: 'Cepat' } });
      const twice = await api.http().post(`${link}/rating`).send({ score: 1 });
      expect(twice.status).toBe(409);
      expect(twice.body.code).toBe('ALREADY_RATED');
      const bad = await api.http().post(`${link}/rating`).send({ score: 6 });
      expect(bad.status).toBe(400);
      const summary = await eventually(
        async () =>
          (
            await api
              .http()
              .get('/api/v1/dashboard/summary')
              .set(await auth('diskominfo'))
              .set('Cache-Control', 'no-cache')
          ).body as { reporterAnswers: { byUnit: { code: string; rated: number }[] } },
        (body) =>
          (body.reporterAnswers?.byUnit ?? []).some((u) => u.code === KELURAHAN && u.rated > 0),
      );
      expect(summary.reporterAnswers.byUnit.find((u) => u.code === KELURAHAN)).toMatchObject({
        rated: expect.any(Number),
        averageRating: expect.any(Number),
      });
    });

    it('answers 404 for a token the service did not make', async () => {
      const forged = `/api/v1/reporter/${'A'.repeat(44)}`;
      expect((await api.http().get(forged)).status).toBe(404);
      expect((await api.http().get('/api/v1/reporter/short')).status).toBe(400);
    });
  });

  it('keeps an anonymous reporter from the handling unit, not from Diskominfo', async () => {
    const pushed = await postJaki(
      api,
      jakiPush({
        reporter: {
          name: 'Siti Rahmawati',
          phone: '081234567890',
          email: 's@example.com',
          anonymous: true,
        },
      }),
    );
    expect(pushed.status).toBe(201);
    const id = String(pushed.body.id);
    await waitForTicket(api, id, (t) => t.status === 'disposisi');
    const list = await api
      .http()
      .get('/api/v1/complaints?limit=100')
      .set(await auth('unit'));
    const listed = (list.body.data as { id: string }[]).find((t) => t.id === id);
    const one = await api
      .http()
      .get(`/api/v1/complaints/${id}`)
      .set(await auth('unit'));
    for (const seen of [listed, one.body]) {
      expect(JSON.stringify(seen)).not.toMatch(/Siti|S\*+|0812|\*\*\*\*7890|s@example|s\*+@/);
    }
    const asUnit = await api
      .http()
      .get(`/api/v1/complaints/${id}`)
      .set(await auth('unit'));
    expect(asUnit.body.reporter).toEqual({
      type: 'person',
      anonymous: true,
      name: 'Pelapor anonim',
      phone: null,
      email: null,
      nik: null,
    });
    const asDiskominfo = await api
      .http()
      .get(`/api/v1/complaints/${id}`)
      .set(await auth('diskominfo'));
    expect(asDiskominfo.body.reporter).toMatchObject({
      anonymous: true,
      name: 'Siti Rahmawati',
      phone: '081234567890',
    });
    // The reporter still hears back.
    const told = await eventually(
      () => jaki.delivered((r) => r.json.trackingNumber === pushed.body.trackingNumber),
      (all) => all.length >= 2,
    );
    expect(told.map((r) => r.json.stage)).toEqual(['diterima', 'diteruskan']);
  });

  it('refuses a template naming a placeholder its notice lacks, and uses a saved one', async () => {
    const admin = await auth('admin');
    const wrong = await api
      .http()
      .put('/api/v1/notice-templates/placed')
      .set(admin)
      .send({ text: 'Pengaduan {{trackingNumber}} untuk {{nik}}' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toContain('{{nik}}');
    const saved = await api
      .http()
      .put('/api/v1/notice-templates/placed')
      .set(admin)
      .send({ text: 'Laporan {{trackingNumber}} kini ditangani {{unit}}. {{reporterUrl}}' });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ kind: 'placed', customised: true });
    const pushed = await postJaki(api, jakiPush());
    const got = await eventually(
      () =>
        jaki.delivered(
          (r) =>
            r.json.trackingNumber === pushed.body.trackingNumber && r.json.stage === 'diteruskan',
        ),
      (all) => all.length > 0,
    );
    expect(got[0].json.text).toMatch(/^Laporan .* kini ditangani Kelurahan .*\. https:\/\/crm/);
    const list = await api.http().get('/api/v1/notice-templates').set(admin);
    expect(list.body).toHaveLength(6);
  });
});

/** An e-mail's text without quoted-printable soft line breaks. */
function unfold(raw: string): string {
  return raw.replace(/=\r?\n/g, '');
}
