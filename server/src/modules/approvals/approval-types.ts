import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BUSINESS_TYPE_NAMES, ErrorCode, type RouteStep } from '@hrlink/shared';
import { AppError } from '../../common/errors/app-error';
import type { ApprovalInstance } from './entities';
import { defaultSteps } from './domain/route-validation';

/** What a business module registers (in its onModuleInit) to have its requests routed. */
export interface ApprovalTypeDefinition {
  /** e.g. 'leave'; unique. */
  type: string;
  /** zh-CN display name (通用审批, 请假 …). */
  name: string;
  /** The route used while HR has not saved one; default: the direct manager (any). */
  defaultSteps?: RouteStep[];
  /**
   * Called inside the engine's transaction when an instance of this type reaches a final status (before the bus's
   * instance.finished event). Throwing rolls the decision back.
   */
  onFinished?(em: EntityManager, instance: ApprovalInstance, status: 'approved' | 'rejected' | 'withdrawn'): Promise<void> | void;
}

/** Registry of business types the engine routes. `general` (通用审批) is built in. */
@Injectable()
export class ApprovalTypes {
  private readonly types = new Map<string, ApprovalTypeDefinition>();

  registerType(def: ApprovalTypeDefinition): void {
    if (!/^[a-z][a-z0-9_]{0,63}$/.test(def.type)) throw new Error(`invalid approval type "${def.type}"`);
    if (this.types.has(def.type)) throw new Error(`approval type "${def.type}" registered twice`);
    this.types.set(def.type, def);
  }

  get(type: string): ApprovalTypeDefinition | undefined {
    return this.types.get(type);
  }

  require(type: string): ApprovalTypeDefinition {
    const def = this.types.get(type);
    if (!def) throw new AppError(ErrorCode.APPROVAL_TYPE_UNKNOWN, undefined, { businessType: type });
    return def;
  }

  list(): ApprovalTypeDefinition[] {
    return [...this.types.values()];
  }

  nameOf(type: string): string {
    return this.types.get(type)?.name ?? BUSINESS_TYPE_NAMES[type] ?? type;
  }

  defaultStepsOf(type: string): RouteStep[] {
    return this.types.get(type)?.defaultSteps ?? defaultSteps();
  }
}
