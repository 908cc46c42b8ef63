import { Injectable, HttpStatus } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApiError, bilingual } from '@crm/core';
import { Category } from '@crm/reference';
import { attributesOf, ServiceAttribute } from './service-attributes';

/** A service as services.json lists it. */
export interface ServiceView {
  service_code: string;
  service_name: string;
  description: string;
  /** true when services/{code}.json has attributes to fill in */
  metadata: boolean;
  type: 'realtime';
  /** comma-separated, as the spec writes them */
  keywords: string;
  group: string;
}

export interface ServiceDefinitionView {
  service_code: string;
  attributes: ServiceAttribute[];
}

/** GeoReport services are the active complaint categories. */
@Injectable()
export class ServiceCatalog {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(): Promise<ServiceView[]> {
    const categories = await this.dataSource.manager.find(Category, {
      where: { active: true },
      order: { group: 'ASC', code: 'ASC' },
    });
    return categories.map((category) => ({
      service_code: category.code,
      service_name: category.name,
      description: category.description,
      metadata: attributesOf(category.code).length > 0,
      // Complaints are handled one by one as they arrive, not batched.
      type: 'realtime',
      keywords: category.keywords.join(', '),
      group: category.group,
    }));
  }

  async definition(code: string): Promise<ServiceDefinitionView> {
    const category = /^[a-z0-9-]{1,64}$/.test(code)
      ? await this.dataSource.manager.findOneBy(Category, { code, active: true })
      : null;
    if (!category) {
      throw new ApiError(
        HttpStatus.NOT_FOUND,
        'NOT_FOUND',
        bilingual(
          `Tidak ada layanan ${code}; lihat daftar layanan di services.json`,
          `No service ${code}`,
        ),
      );
    }
    return { service_code: category.code, attributes: attributesOf(category.code) };
  }
}
