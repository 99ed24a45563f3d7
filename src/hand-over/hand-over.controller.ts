import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Policy } from '../access/policy.decorator';
import { HandedOverDto, HandOverDto } from './dto/hand-over.dto';
import { HandOverService } from './hand-over.service';

@ApiTags('directory')
@ApiBearerAuth()
@Controller('api/v1/users')
export class HandOverController {
  constructor(private readonly handOver: HandOverService) {}

  @Post(':id/hand-over')
  @HttpCode(200)
  @Policy('update', 'User', 'user.hand_over')
  @ApiOkResponse({
    type: HandedOverDto,
    description:
      'Every open referral the user is the case worker of and every open follow-up they own now belong to the colleague, in one step; the user can then be deactivated',
  })
  handOverWork(@Param('id', ParseUUIDPipe) id: string, @Body() body: HandOverDto): Promise<HandedOverDto> {
    return this.handOver.handOver(id, body.toUserId);
  }
}
