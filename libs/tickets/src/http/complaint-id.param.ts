import { IsUUID } from 'class-validator';

/** The `:id` of a route under /api/v1/complaints/{id}. */
export class ComplaintIdParam {
  @IsUUID('all', { message: 'id must be a ticket id (UUID)' })
  id: string;
}
