import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { REPORTER_NOTICE_KINDS, ReporterNoticeKind } from './notice-templates';

export class NoticeTemplateKindParam {
  /** acknowledgement, placed, done, rejected, reopened or prelist */
  @IsIn(REPORTER_NOTICE_KINDS)
  kind: ReporterNoticeKind;
}

export class NoticeTemplateBodyDto {
  /** Indonesian text with placeholders such as {{trackingNumber}} (see `placeholders`) */
  @IsString()
  @MinLength(10)
  @MaxLength(1000)
  text: string;
}

export class NoticeTemplateDto {
  kind: ReporterNoticeKind;
  text: string;
  /** What the text may name, written {{name}} */
  placeholders: string[];
  /** False while the service's own text is used */
  customised: boolean;
  updatedBy: string | null;
  updatedAt: string | null;
}
