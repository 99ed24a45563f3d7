import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { Inbox, INBOXES } from '../inbox-vocabulary';

export class InboxParams {
  @ApiProperty({ enum: INBOXES })
  @IsIn(INBOXES)
  inbox!: Inbox;
}

export class InboxStateDto {
  @ApiProperty({ enum: INBOXES })
  inbox!: Inbox;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the caller last looked at the inbox (null if never): pass it as the list’s `since`',
  })
  seenAt!: string | null;
}
