import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { RawBodyRequest } from '../../common/http/body-parsers';
import type { CallbackRequest } from '@hrlink/connectors';
import { Public } from '../../common/auth/decorators';
import { CallbacksService } from './callbacks.service';

/** Platform event callbacks (Routes.callbacks.binding): verified over the raw body bytes. */
@ApiExcludeController()
@Public()
@Controller('callbacks')
export class CallbacksController {
  constructor(private readonly callbacks: CallbacksService) {}

  @Get(':platform/:bindingId')
  @HttpCode(200)
  verify(@Param('platform') platform: string, @Param('bindingId') bindingId: string, @Req() req: RawBodyRequest, @Res() res: FastifyReply) {
    return this.run(platform, bindingId, req, res);
  }

  @Post(':platform/:bindingId')
  @HttpCode(200)
  event(@Param('platform') platform: string, @Param('bindingId') bindingId: string, @Req() req: RawBodyRequest, @Res() res: FastifyReply) {
    return this.run(platform, bindingId, req, res);
  }

  private async run(platform: string, bindingId: string, req: RawBodyRequest, res: FastifyReply): Promise<void> {
    const out = await this.callbacks.handle(platform, bindingId, toCallbackRequest(req));
    res.status(out.status).type(out.contentType).send(out.body);
  }
}

/** The request as it arrived: decoded query values, lower-case headers, the raw body bytes. */
export function toCallbackRequest(req: RawBodyRequest): CallbackRequest {
  const query: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries((req.query ?? {}) as Record<string, unknown>)) query[k] = Array.isArray(v) ? String(v[0]) : v === undefined ? undefined : String(v as string);
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  const raw = req.rawBody ?? (Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
  return { method: req.method === 'GET' ? 'GET' : 'POST', query, headers, rawBody: raw };
}
