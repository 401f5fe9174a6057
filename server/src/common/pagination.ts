import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Page, PageQuery } from '@hrlink/shared';

export class PageQueryDto implements PageQuery {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE, description: 'capped at 100' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  pageSize?: number;
}

/** 1-based page and a page size capped at MAX_PAGE_SIZE; skip/take for the query. */
export function pageParams(q: PageQuery): { page: number; pageSize: number; skip: number; take: number } {
  const page = Math.max(1, Math.floor(q.page ?? 1));
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(q.pageSize ?? DEFAULT_PAGE_SIZE)));
  return { page, pageSize, skip: (page - 1) * pageSize, take: pageSize };
}

export function toPage<T>(items: T[], total: number, p: { page: number; pageSize: number }): Page<T> {
  return { items, total, page: p.page, pageSize: p.pageSize };
}
