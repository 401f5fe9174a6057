import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('employee_departments')
@Index('ix_employee_department_dept', ['tenantId', 'departmentId'])
export class EmployeeDepartment {
  @PrimaryColumn({ type: 'varchar', length: 36 }) employeeId!: string;
  @PrimaryColumn({ type: 'varchar', length: 36 }) departmentId!: string;
  @Column({ type: 'varchar', length: 36 }) tenantId!: string;
  @Column({ type: 'boolean', default: false }) isMain!: boolean;
}
