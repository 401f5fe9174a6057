import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DeliveryView, Page, Role } from '@hrlink/shared';
import { CurrentUser, Roles } from '../../common/auth/decorators';
import type { SessionUser } from '../../common/auth/auth.types';
import { DeliveriesService } from './deliveries.service';
import { DeliveryQueryDto } from './dto/delivery-query.dto';

@ApiTags('admin')
@ApiBearerAuth()
@Roles(Role.Hr, Role.Admin)
@Controller('admin/deliveries')
export class DeliveriesController {
  constructor(private readonly deliveries: DeliveriesService) {}

  @Get()
  list(@CurrentUser() user: SessionUser, @Query() q: DeliveryQueryDto): Promise<Page<DeliveryView>> {
    return this.deliveries.list(user, q);
  }

  @Post(':id/retry')
  @HttpCode(200)
  retry(@CurrentUser() user: SessionUser, @Param('id') id: string): Promise<DeliveryView> {
    return this.deliveries.retry(user, id);
  }
}
