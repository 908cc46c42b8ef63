import autocannon from 'autocannon';
import { Body, Controller, INestApplication, Module, Post } from '@nestjs/common';
import { APP_PIPE, NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { createValidationPipe } from '@crm/core/errors/validation';
import { JakiComplaintDto } from '@crm/intake';
import { Report } from './support';

@Controller()
class EchoController {
  /** Validation and a ticket-sized answer: what the adapter touches, without the database. */
  @Post('complaints')
  accept(@Body() body: JakiComplaintDto) {
    return { id: '00000000-0000-4000-8000-000000000000', status: 'menunggu', ...body };
  }
}

@Module({
  controllers: [EchoController],
  providers: [{ provide: APP_PIPE, useFactory: createValidationPipe }],
})
class EchoModule {}

const BODY = JSON.stringify({
  externalId: 'adapter-bench',
  reporter: { name: 'Warga Uji', phone: '081200000000' },
  description: 'Saluran air tersumbat di depan rumah, mohon ditindaklanjuti',
  category: 'air-bersih-sanitasi',
  location: { lat: -6.1754, lon: 106.8272 },
});

/**
 * The two Nest HTTP adapters side by side on the same validated JAKI body (50 connections, 10 s
 * each): the framework's share of an intake request, to weigh a switch of adapter.
 */
export async function benchAdapters(report: Report): Promise<void> {
  for (const adapter of ['express', 'fastify'] as const) {
    const app: INestApplication =
      adapter === 'fastify'
        ? await NestFactory.create(EchoModule, new FastifyAdapter(), { logger: false })
        : await NestFactory.create(EchoModule, { logger: false });
    await app.listen(0, '127.0.0.1');
    const result = await autocannon({
      url: `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/complaints`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: BODY,
      connections: 50,
      duration: 10,
    });
    await app.close();
    report.row('adapters', `${adapter}: validated JAKI body echoed, no database`, {
      requestsPerSecond: Math.round(result.requests.average),
      p99ms: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors,
    });
  }
}
