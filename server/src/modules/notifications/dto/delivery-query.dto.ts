import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { DeliveryListQuery, DeliveryStatus, Platform, PLATFORMS } from '@hrlink/shared';
import { PageQueryDto } from '../../../common/pagination';

export class DeliveryQueryDto extends PageQueryDto implements DeliveryListQuery {
  @ApiPropertyOptional({ enum: Object.values(DeliveryStatus) })
  @IsOptional() @IsIn(Object.values(DeliveryStatus))
  status?: DeliveryStatus;

  @ApiPropertyOptional({ enum: PLATFORMS })
  @IsOptional() @IsIn(PLATFORMS as unknown as string[])
  platform?: Platform;

  @ApiPropertyOptional()
  @IsOptional() @IsUUID()
  instanceId?: string;
}
