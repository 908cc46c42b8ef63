import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { unlink } from 'node:fs/promises';
import { finalize, Observable } from 'rxjs';

/**
 * Removes the request's uploaded files from the temporary folder once it is answered — whatever
 * the answer: a malformed id or field is refused by a pipe before the handler runs, and a
 * reporter's photo must not stay behind on the server's disk.
 */
@Injectable()
export class UploadsRemoved implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request>();
    return next.handle().pipe(
      finalize(() => {
        const files = Array.isArray(req.files) ? req.files : Object.values(req.files ?? {}).flat();
        for (const file of files) unlink(file.path).catch(() => undefined);
      }),
    );
  }
}
