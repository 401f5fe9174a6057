import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { EmployeeListQuery, EmployeeStatus, Role, UpdateEmployeeRequest } from '@hrlink/shared';
import { PageQueryDto } from '../../../common/pagination';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class EmployeeListQueryDto extends PageQueryDto implements EmployeeListQuery {
  @ApiPropertyOptional({ description: 'name or employee number contains' })
  @IsOptional() @IsString() @MaxLength(100)
  q?: string;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(36)
  departmentId?: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value))
  @IsBoolean()
  includeChildren?: boolean;

  @ApiPropertyOptional({ enum: Object.values(EmployeeStatus) })
  @IsOptional() @IsIn(Object.values(EmployeeStatus))
  status?: EmployeeStatus;
}

export class UpdateEmployeeDto implements UpdateEmployeeRequest {
  @ApiPropertyOptional({ nullable: true, example: '2020-03-01' })
  @IsOptional() @ValidateIf((_, v) => v !== null) @Matches(DATE, { message: 'hireDate 必须是 YYYY-MM-DD 日期' })
  hireDate?: string | null;

  @ApiPropertyOptional({ nullable: true, example: '2015-07-01' })
  @IsOptional() @ValidateIf((_, v) => v !== null) @Matches(DATE, { message: 'firstWorkDate 必须是 YYYY-MM-DD 日期' })
  firstWorkDate?: string | null;

  @ApiPropertyOptional({ enum: Object.values(Role), isArray: true })
  @IsOptional() @IsArray() @ArrayUnique() @IsIn(Object.values(Role), { each: true })
  roles?: Role[];
}
