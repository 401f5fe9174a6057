import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { ErrorCode } from '@hrlink/shared';
import { AppError } from './app-error';
import { quickCheckOf } from './fast-validation';

function collect(errors: ValidationError[], prefix: string, out: Record<string, string[]>): void {
  for (const e of errors) {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    if (e.constraints) out[path] = Object.values(e.constraints);
    if (e.children?.length) collect(e.children, path, out);
  }
}

/** class-validator errors → VALIDATION_FAILED with `details.fields: { field: [messages] }`. */
export function validationExceptionFactory(errors: ValidationError[]): AppError {
  const fields: Record<string, string[]> = {};
  collect(errors, '', fields);
  return new AppError(ErrorCode.VALIDATION_FAILED, undefined, { fields });
}

/**
 * ValidationPipe (whitelist, forbid unknown properties, transform) with a quick path for JSON bodies that are plainly
 * valid (fast-validation.ts): the same DTO instance, without class-transformer + class-validator's per-request cost.
 * Anything the quick check is not sure of — every invalid body included — goes through the full pipe, which writes
 * the errors.
 */
export class BodyValidationPipe extends ValidationPipe {
  constructor() {
    super({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: validationExceptionFactory });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && metadata.metatype) {
      const quick = quickCheckOf(metadata.metatype)?.(value);
      if (quick) return quick;
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new BodyValidationPipe();
}
