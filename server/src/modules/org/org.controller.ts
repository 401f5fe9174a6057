import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DepartmentNode, EmployeeDetail, EmployeeListItem, Page, Role } from '@hrlink/shared';
import { CurrentUser, Roles } from '../../common/auth/decorators';
import type { SessionUser } from '../../common/auth/auth.types';
import { EmployeeListQueryDto, UpdateEmployeeDto } from './dto/org.dto';
import { OrgService } from './org.service';

@ApiTags('org')
@ApiBearerAuth()
@Controller('org')
export class OrgController {
  constructor(private readonly org: OrgService) {}

  @Get('departments')
  departments(@CurrentUser() user: SessionUser): Promise<DepartmentNode[]> {
    return this.org.departmentTree(user);
  }

  @Get('departments/:id')
  department(@CurrentUser() user: SessionUser, @Param('id') id: string): Promise<DepartmentNode> {
    return this.org.department(user, id);
  }

  @Get('employees')
  employees(@CurrentUser() user: SessionUser, @Query() query: EmployeeListQueryDto): Promise<Page<EmployeeListItem>> {
    return this.org.listEmployees(user, query);
  }

  @Get('employees/:id')
  employee(@CurrentUser() user: SessionUser, @Param('id') id: string): Promise<EmployeeDetail> {
    return this.org.employeeDetail(user, id);
  }

  @Roles(Role.Hr, Role.Admin)
  @Patch('employees/:id')
  update(@CurrentUser() user: SessionUser, @Param('id') id: string, @Body() dto: UpdateEmployeeDto): Promise<EmployeeDetail> {
    return this.org.updateEmployee(user, id, dto);
  }
}
