import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { ApiError, bilingual } from '@crm/core';
import { AuditActor, ReferenceAudit } from '../audit/reference-audit';
import { Category } from '../categories/category.entity';
import { ResponseTemplate } from './response-template.entity';
import {
  NewResponseTemplateDto,
  ResponseTemplateChangeDto,
  ResponseTemplateDto,
  ResponseTemplateQuery,
} from './response-templates.dto';

/** The desk's response templates (docs/desk.md): staff read them, an admin writes them, audited. */
@Injectable()
export class ResponseTemplates {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: ReferenceAudit,
  ) {}

  /** A category's templates and those for every category, by stage and title. */
  async list(query: ResponseTemplateQuery, admin: boolean): Promise<ResponseTemplateDto[]> {
    const active = query.includeInactive && admin ? {} : { active: true };
    const stage = query.stage ? { stage: query.stage } : {};
    const categories = query.category ? [query.category, null] : undefined;
    const rows = await this.dataSource.getRepository(ResponseTemplate).find({
      where: categories
        ? categories.map((code) => ({ ...active, ...stage, categoryCode: code ?? IsNull() }))
        : { ...active, ...stage },
      order: { stage: 'ASC', title: 'ASC' },
    });
    return rows.map(view);
  }

  async create(body: NewResponseTemplateDto, actor: AuditActor): Promise<ResponseTemplateDto> {
    return this.dataSource.transaction(async (manager) => {
      if (body.category) await requireCategory(manager, body.category);
      const saved = await manager.save(
        manager.create(ResponseTemplate, {
          categoryCode: body.category ?? null,
          stage: body.stage,
          title: body.title.trim(),
          text: body.text,
          active: body.active ?? true,
          updatedBy: actor.principal.sub,
        }),
      );
      await this.audit.record(
        manager,
        { entity: 'reply-template', entityId: saved.id, before: null, after: snapshot(saved) },
        actor,
      );
      return view(saved);
    });
  }

  async change(
    id: string,
    body: ResponseTemplateChangeDto,
    actor: AuditActor,
  ): Promise<ResponseTemplateDto> {
    return this.dataSource.transaction(async (manager) => {
      const template = await manager.findOne(ResponseTemplate, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!template) {
        throw new ApiError(
          HttpStatus.NOT_FOUND,
          'TEMPLATE_NOT_FOUND',
          bilingual(
            `Tidak ada templat tanggapan ${id}; lihat GET /api/v1/response-templates`,
            `No response template ${id}`,
          ),
        );
      }
      if (body.category) await requireCategory(manager, body.category);
      const before = snapshot(template);
      const changed = manager.merge(ResponseTemplate, template, {
        ...(body.category !== undefined ? { categoryCode: body.category } : {}),
        ...(body.stage !== undefined ? { stage: body.stage } : {}),
        ...(body.title !== undefined ? { title: body.title.trim() } : {}),
        ...(body.text !== undefined ? { text: body.text } : {}),
        ...(body.active !== undefined ? { active: body.active } : {}),
        updatedBy: actor.principal.sub,
      });
      const saved = await manager.save(changed);
      await this.audit.record(
        manager,
        { entity: 'reply-template', entityId: id, before, after: snapshot(saved) },
        actor,
      );
      return view(saved);
    });
  }
}

async function requireCategory(manager: EntityManager, code: string): Promise<void> {
  if (!(await manager.existsBy(Category, { code }))) {
    throw new ApiError(
      HttpStatus.BAD_REQUEST,
      'VALIDATION_FAILED',
      bilingual(
        `category: kategori ${code} tidak ada; lihat GET /api/v1/categories`,
        `category: category ${code} does not exist`,
      ),
      [
        {
          field: 'category',
          problem: bilingual(`kategori ${code} tidak ada`, `category ${code} does not exist`),
        },
      ],
    );
  }
}

function snapshot(template: ResponseTemplate): object {
  const { categoryCode, stage, title, text, active } = template;
  return { category: categoryCode, stage, title, text, active };
}

function view(template: ResponseTemplate): ResponseTemplateDto {
  return {
    id: template.id,
    category: template.categoryCode,
    stage: template.stage,
    title: template.title,
    text: template.text,
    active: template.active,
    updatedBy: template.updatedBy,
    updatedAt: template.updatedAt.toISOString(),
  };
}
