import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Role, TenantSettingsView } from '@hrlink/shared';
import { CurrentUser, Roles } from '../../common/auth/decorators';
import type { SessionUser } from '../../common/auth/auth.types';
import { TenantsService } from './tenants.service';
import { UpdateTenantSettingsDto } from './tenant-settings.dto';

@ApiTags('tenant')
@ApiBearerAuth()
@Roles(Role.Hr, Role.Admin)
@Controller('tenant/settings')
export class TenantsController {
  constructor(private readonly tenants: TenantsService) {}

  @Get()
  get(@CurrentUser() user: SessionUser): Promise<TenantSettingsView> {
    return this.tenants.settings(user);
  }

  @Patch()
  update(@CurrentUser() user: SessionUser, @Body() dto: UpdateTenantSettingsDto): Promise<TenantSettingsView> {
    return this.tenants.update(user, dto);
  }
}
