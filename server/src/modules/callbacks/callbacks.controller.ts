import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { RawRequest } from './raw-body.middleware';
import type { CallbackRequest } from '@hrlink/connectors';
import { Public } from '../../common/auth/decorators';
import { CallbacksService } from './callbacks.service';

interface HttpResponse {
  status(n: number): HttpResponse;
  type(t: string): HttpResponse;
  send(b: string): void;
}

/** Platform event callbacks (Routes.callbacks.binding): verified over the raw body bytes. */
@ApiExcludeController()
@Public()
@Controller('callbacks')
export class CallbacksController {
  constructor(private readonly callbacks: CallbacksService) {}

  @Get(':platform/:bindingId')
  @HttpCode(200)
  verify(@Param('platform') platform: string, @Param('bindingId') bindingId: string, @Req() req: RawRequest, @Res() res: HttpResponse) {
    return this.run(platform, bindingId, req, res);
  }

  @Post(':platform/:bindingId')
  @HttpCode(200)
  event(@Param('platform') platform: string, @Param('bindingId') bindingId: string, @Req() req: RawRequest, @Res() res: HttpResponse) {
    return this.run(platform, bindingId, req, res);
  }

  private async run(platform: string, bindingId: string, req: RawRequest, res: HttpResponse): Promise<void> {
    const out = await this.callbacks.handle(platform, bindingId, toCallbackRequest(req));
    res.status(out.status).type(out.contentType).send(out.body);
  }
}

/** The request as it arrived: decoded query values, lower-case headers, the raw body bytes. */
export function toCallbackRequest(req: RawRequest): CallbackRequest {
  const query: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.query)) query[k] = Array.isArray(v) ? String(v[0]) : v === undefined ? undefined : String(v as string);
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  const raw = req.rawBody ?? (Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
  return { method: req.method === 'GET' ? 'GET' : 'POST', query, headers, rawBody: raw };
}
