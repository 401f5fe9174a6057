import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ErrorCode } from '@hrlink/shared';
import { AppError } from './app-error';

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

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: validationExceptionFactory,
  });
}
