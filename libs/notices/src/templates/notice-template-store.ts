import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiError, bilingual } from '@crm/core';
import { AuditActor, ReferenceAudit } from '@crm/reference';
import { NoticeTemplate } from './notice-template.entity';
import {
  DEFAULT_TEMPLATES,
  PLACEHOLDERS,
  REPORTER_NOTICE_KINDS,
  ReporterNoticeKind,
  templateProblem,
} from './notice-templates';
import type { NoticeTemplateDto } from './notice-templates.dto';

/**
 * The reporter's notice texts: an admin's where one was saved, else the service's own. Read from
 * the database each time a notice is written, so a change counts at once in every process.
 */
@Injectable()
export class NoticeTemplateStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: ReferenceAudit,
  ) {}

  async texts(): Promise<Record<ReporterNoticeKind, string>> {
    const saved = await this.dataSource.manager.find(NoticeTemplate);
    return {
      ...DEFAULT_TEMPLATES,
      ...Object.fromEntries(saved.map((template) => [template.kind, template.text])),
    };
  }

  async list(): Promise<NoticeTemplateDto[]> {
    const saved = new Map(
      (await this.dataSource.manager.find(NoticeTemplate)).map((t) => [t.kind, t]),
    );
    return REPORTER_NOTICE_KINDS.map((kind) => view(kind, saved.get(kind)));
  }

  /** Saves an admin's text; a placeholder the notice lacks is refused now (400). */
  async save(
    kind: ReporterNoticeKind,
    text: string,
    actor: AuditActor,
  ): Promise<NoticeTemplateDto> {
    const problem = templateProblem(kind, text);
    if (problem) {
      throw new ApiError(
        HttpStatus.BAD_REQUEST,
        'VALIDATION_FAILED',
        bilingual(`text: ${problem.id}`, `text: ${problem.en}`),
        [{ field: 'text', problem }],
      );
    }
    await this.dataSource.transaction(async (manager) => {
      const before = await manager.findOne(NoticeTemplate, {
        where: { kind },
        lock: { mode: 'pessimistic_write' },
      });
      await manager.upsert(NoticeTemplate, { kind, text, updatedBy: actor.principal.sub }, [
        'kind',
      ]);
      await this.audit.record(
        manager,
        {
          entity: 'template',
          entityId: kind,
          before: { text: before?.text ?? DEFAULT_TEMPLATES[kind] },
          after: { text },
        },
        actor,
      );
    });
    return view(kind, (await this.dataSource.manager.findOneBy(NoticeTemplate, { kind }))!);
  }
}

function view(kind: ReporterNoticeKind, saved: NoticeTemplate | undefined): NoticeTemplateDto {
  return {
    kind,
    text: saved?.text ?? DEFAULT_TEMPLATES[kind],
    placeholders: [...PLACEHOLDERS[kind]],
    customised: Boolean(saved),
    updatedBy: saved?.updatedBy ?? null,
    updatedAt: saved?.updatedAt.toISOString() ?? null,
  };
}
