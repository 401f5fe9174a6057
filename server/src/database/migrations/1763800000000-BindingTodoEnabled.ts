import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/** PlatformBinding.todoEnabled: also push approval tasks as platform to-dos (DingTalk 待办 / Feishu approval center). */
export class BindingTodoEnabled1763800000000 implements MigrationInterface {
  name = 'BindingTodoEnabled1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('platform_bindings', new TableColumn({ name: 'todoEnabled', type: 'boolean', isNullable: false, default: 0 }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('platform_bindings', 'todoEnabled');
  }
}
