import { Controller, Get, HttpException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../../common/auth/decorators';

export interface HealthView {
  status: 'ok';
  database: 'sqlite' | 'mysql';
  time: string;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly ds: DataSource) {}

  /** 200 when the database answers, 503 otherwise. */
  @Public()
  @Get()
  async check(): Promise<HealthView> {
    try {
      await this.ds.query('SELECT 1');
    } catch {
      throw new HttpException({ message: 'database unavailable' }, 503);
    }
    return { status: 'ok', database: this.ds.options.type === 'mysql' ? 'mysql' : 'sqlite', time: new Date().toISOString() };
  }
}
