import { CallHandler, ExecutionContext, Injectable, NestInterceptor, PayloadTooLargeException } from '@nestjs/common';
import { catchError, throwError } from 'rxjs';
import { ErrorCode } from '@hrlink/shared';
import { AppError } from '../../common/errors/app-error';
import { TypedConfig } from '../../config/typed-config';

/** Wraps FileUploadInterceptor: its 413 "File too large" becomes our PAYLOAD_TOO_LARGE with the image limit. */
@Injectable()
export class UploadErrorsInterceptor implements NestInterceptor {
  constructor(private readonly cfg: TypedConfig) {}

  intercept(_ctx: ExecutionContext, next: CallHandler) {
    return next.handle().pipe(catchError((err) => throwError(() => {
      if (!(err instanceof PayloadTooLargeException)) return err;
      const maxBytes = this.cfg.get('files').maxBytes;
      return new AppError(ErrorCode.PAYLOAD_TOO_LARGE, `图片不能超过 ${+(maxBytes / 1024 / 1024).toFixed(1)} MB`, { maxBytes });
    })));
  }
}
