import { Agency } from '../agencies/agency.entity';
import { EmergencyDto } from './dto/concern.dto';

export const EMERGENCY_NUMBER = '112';

/** What the reporter is told, in words, when they log an immediate danger. */
export function emergencyAdvice(police: Agency | null): EmergencyDto {
  const call = `If anyone's life is at risk, call ${EMERGENCY_NUMBER} now — do not wait for this system.`;
  if (!police) {
    return {
      policeAlerted: false,
      message: `${call} No police agency is registered for this district, so nobody was alerted automatically.`,
    };
  }
  return {
    policeAlerted: true,
    policeAgency: { id: police.id, name: police.name, kind: police.kind },
    message: `${call} ${police.name} has been sent an urgent alert about this concern.`,
  };
}
