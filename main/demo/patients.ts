import { createPatient } from '../services/patients';
import type { DemoContext } from './index';
import { DEMO_ALLERGENS, DEMO_FAMILY_NAMES, DEMO_GIVEN_NAMES } from './names';

export async function seedPatients(demo: DemoContext): Promise<void> {
  const nurse = demo.actor('nurse1');
  const count = 36;
  for (let i = 0; i < count; i++) {
    const given = DEMO_GIVEN_NAMES[i % DEMO_GIVEN_NAMES.length];
    const family = DEMO_FAMILY_NAMES[(i * 7) % DEMO_FAMILY_NAMES.length];
    const admitted = demo.today.minus({ days: 3 + ((i * 5) % 40) });
    const born = demo.today.minus({ years: 19 + ((i * 11) % 50), days: (i * 37) % 365 });
    const discharged = i % 9 === 8 ? admitted.plus({ days: 2 }).toISODate() : null;
    const allergies = i % 3 === 0 ? [DEMO_ALLERGENS[(i / 3) % DEMO_ALLERGENS.length]] : [];
    const p = await createPatient(demo.ctx, nurse, {
      patient: {
        mrn: `DEMO-${String(1001 + i)}`,
        familyName: family,
        givenName: given,
        dateOfBirth: born.toISODate()!,
        admissionDate: admitted.toISODate()!,
        dischargeDate: discharged,
        levelOfCare: i % 5 === 0 ? '2.5' : '2.1',
        residence: i % 4 === 0 ? 'facility' : 'home',
      },
      allergies,
    });
    demo.patientIds.push(p.id);
  }
}
