import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  Page, PLATFORM_META, PlatformBindingView, PlatformMeta, PLATFORMS, Role, SyncRunView, TestConnectionResult,
} from '@hrlink/shared';
import { CurrentUser, Roles } from '../../common/auth/decorators';
import type { SessionUser } from '../../common/auth/auth.types';
import { BindingsService } from './bindings.service';
import { CreateBindingDto, SyncRunQueryDto, UpdateBindingDto } from './dto/binding.dto';
import { SyncService } from './sync.service';

@ApiTags('integrations')
@ApiBearerAuth()
@Roles(Role.Hr, Role.Admin)
@Controller('integrations')
export class IntegrationsController {
  constructor(
    private readonly bindings: BindingsService,
    private readonly sync: SyncService,
  ) {}

  @Get('platforms')
  platforms(): PlatformMeta[] {
    return PLATFORMS.map((p) => PLATFORM_META[p]);
  }

  @Get('bindings')
  list(@CurrentUser() user: SessionUser): Promise<PlatformBindingView[]> {
    return this.bindings.list(user);
  }

  @Post('bindings')
  create(@CurrentUser() user: SessionUser, @Body() dto: CreateBindingDto): Promise<PlatformBindingView> {
    return this.bindings.create(user, dto);
  }

  @Patch('bindings/:id')
  update(@CurrentUser() user: SessionUser, @Param('id') id: string, @Body() dto: UpdateBindingDto): Promise<PlatformBindingView> {
    return this.bindings.update(user, id, dto);
  }

  @Post('bindings/:id/test')
  @HttpCode(200)
  test(@CurrentUser() user: SessionUser, @Param('id') id: string): Promise<TestConnectionResult> {
    return this.bindings.test(user, id);
  }

  @Post('bindings/:id/sync')
  @HttpCode(202)
  startSync(@CurrentUser() user: SessionUser, @Param('id') id: string): Promise<SyncRunView> {
    return this.sync.startManual(user, id);
  }

  @Get('sync-runs')
  runs(@CurrentUser() user: SessionUser, @Query() q: SyncRunQueryDto): Promise<Page<SyncRunView>> {
    return this.sync.list(user, q);
  }

  @Get('sync-runs/:id')
  run(@CurrentUser() user: SessionUser, @Param('id') id: string): Promise<SyncRunView> {
    return this.sync.get(user, id);
  }
}
