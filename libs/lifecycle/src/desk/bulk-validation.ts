import { Injectable, Logger } from '@nestjs/common';
import { ApiError, bilingual, Language, toErrorBody } from '@crm/core';
import { CommandContext, versionFromIfMatch } from '@crm/tickets';
import { ValidateFollowUp } from '../validate-follow-up';
import {
  BulkValidationAnswerDto,
  BulkValidationItemDto,
  BulkValidationResultDto,
} from './desk.dto';

/**
 * Diskominfo validates many follow-ups at once (docs/desk.md): each item is a single validation
 * — its own access check, its own version (`ifMatch`), its own transaction — so one refused item
 * changes nothing of the others, and each answer says what that item's request would have.
 */
@Injectable()
export class BulkValidation {
  private readonly logger = new Logger(BulkValidation.name);

  constructor(private readonly validate: ValidateFollowUp) {}

  async run(
    items: BulkValidationItemDto[],
    command: CommandContext,
    language: Language,
  ): Promise<BulkValidationAnswerDto> {
    const results: BulkValidationResultDto[] = [];
    for (const item of items) {
      results.push(await this.one(item, command, language));
    }
    const done = results.filter((result) => result.statusCode === 200).length;
    return { results, done, refused: results.length - done };
  }

  private async one(
    item: BulkValidationItemDto,
    command: CommandContext,
    language: Language,
  ): Promise<BulkValidationResultDto> {
    try {
      const expectedVersion = versionFromIfMatch(item.ifMatch);
      if (expectedVersion === null) throw ANY_VERSION;
      const ticket = await this.validate.run(
        item.id,
        { decision: item.decision, note: item.note },
        { ...command, expectedVersion },
      );
      return { id: item.id, statusCode: 200, status: ticket.status, version: ticket.version };
    } catch (error) {
      const { statusCode, code, message, details } = toErrorBody(
        error,
        command.requestId ?? '',
        language,
      );
      if (statusCode >= 500) {
        this.logger.error({ err: error, complaintId: item.id }, 'A bulk validation item failed');
      }
      return { id: item.id, statusCode, error: { code, message, details } };
    }
  }
}

/** A bulk validation is of what the validator read: `*` would validate whatever is there now. */
const ANY_VERSION = new ApiError(
  400,
  'VALIDATION_FAILED',
  bilingual(
    'ifMatch: harus ETag tiket yang Anda baca, misalnya W/"3"; "*" tidak berlaku untuk validasi massal',
    'ifMatch: must be the ETag of the ticket as you read it, like W/"3"; "*" is not accepted in a bulk validation',
  ),
  [{ field: 'ifMatch', problem: bilingual('bukan ETag tiket', 'is not a ticket ETag') }],
);
