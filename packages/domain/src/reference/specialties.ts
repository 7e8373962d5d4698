/**
 * Specialties and clinic types (e-RS code systems SPECIALTY and CLINIC-TYPE). Every clinic type
 * belongs to exactly one specialty; a referrer usually chooses the specialty, then the clinic
 * type. The list follows the shape of the e-RS directory; names are written here.
 */
const table = {
  TWO_WEEK_WAIT: [
    '2WW',
    {
      TWW_BREAST: 'Breast',
      TWW_SKIN: 'Skin',
      TWW_LOWER_GI: 'Lower gastrointestinal',
      TWW_UPPER_GI: 'Upper gastrointestinal',
      TWW_LUNG: 'Lung',
      TWW_HEAD_NECK: 'Head and neck',
      TWW_GYNAECOLOGICAL: 'Gynaecological',
      TWW_UROLOGICAL: 'Urological',
      TWW_HAEMATOLOGICAL: 'Haematological',
      TWW_BRAIN_CNS: 'Brain and central nervous system',
    },
  ],
  AUDIOLOGY: [
    'Audiology',
    { AUD_HEARING_ASSESSMENT: 'Hearing assessment', AUD_TINNITUS: 'Tinnitus' },
  ],
  CARDIOLOGY: [
    'Cardiology',
    {
      CARD_ARRHYTHMIA: 'Arrhythmia',
      CARD_CHEST_PAIN: 'Rapid access chest pain',
      CARD_HEART_FAILURE: 'Heart failure',
      CARD_HYPERTENSION: 'Hypertension',
      CARD_GENERAL: 'Cardiology not otherwise specified',
    },
  ],
  DERMATOLOGY: [
    'Dermatology',
    {
      DERM_ACNE: 'Acne',
      DERM_ECZEMA_PSORIASIS: 'Eczema and psoriasis',
      DERM_LESIONS: 'Skin lesions (non-cancer)',
      DERM_GENERAL: 'Dermatology not otherwise specified',
    },
  ],
  DIABETES_ENDOCRINOLOGY: [
    'Diabetes and endocrinology',
    {
      ENDO_DIABETES: 'Diabetes',
      ENDO_THYROID: 'Thyroid',
      ENDO_GENERAL: 'Endocrinology not otherwise specified',
    },
  ],
  DIAGNOSTIC_ENDOSCOPY: [
    'Diagnostic endoscopy',
    {
      ENDOSCOPY_COLONOSCOPY: 'Colonoscopy',
      ENDOSCOPY_GASTROSCOPY: 'Gastroscopy',
      ENDOSCOPY_FLEXI_SIG: 'Flexible sigmoidoscopy',
    },
  ],
  DIAGNOSTIC_IMAGING: [
    'Diagnostic imaging',
    {
      IMAGING_MRI: 'MRI',
      IMAGING_CT: 'CT',
      IMAGING_ULTRASOUND: 'Ultrasound',
      IMAGING_DEXA: 'DEXA scan',
    },
  ],
  ENT: [
    'Ear, nose and throat (ENT)',
    {
      ENT_EAR: 'Ear',
      ENT_NOSE_SINUS: 'Nose and sinus',
      ENT_THROAT_VOICE: 'Throat and voice',
      ENT_GENERAL: 'ENT not otherwise specified',
    },
  ],
  GASTROENTEROLOGY: [
    'Gastroenterology',
    {
      GASTRO_IBD: 'Inflammatory bowel disease',
      GASTRO_LIVER: 'Liver',
      GASTRO_GENERAL: 'Gastroenterology not otherwise specified',
    },
  ],
  GENERAL_SURGERY: [
    'General surgery',
    {
      SURG_HERNIA: 'Hernia',
      SURG_GALLBLADDER: 'Gallbladder',
      SURG_COLORECTAL: 'Colorectal',
      SURG_BREAST_SYMPTOMATIC: 'Breast (symptomatic, non 2WW)',
    },
  ],
  GYNAECOLOGY: [
    'Gynaecology',
    {
      GYN_MENSTRUAL: 'Menstrual disorders',
      GYN_MENOPAUSE: 'Menopause',
      GYN_UROGYNAECOLOGY: 'Urogynaecology',
      GYN_GENERAL: 'Gynaecology not otherwise specified',
    },
  ],
  HAEMATOLOGY: [
    'Haematology (non-cancer)',
    { HAEM_ANAEMIA: 'Anaemia', HAEM_CLOTTING: 'Clotting disorders' },
  ],
  MENTAL_HEALTH: [
    'Mental health (adults)',
    {
      MH_MEMORY: 'Memory assessment',
      MH_PSYCHOLOGICAL_THERAPIES: 'Psychological therapies',
      MH_GENERAL: 'Adult mental health not otherwise specified',
    },
  ],
  NEUROLOGY: [
    'Neurology',
    {
      NEURO_HEADACHE: 'Headache',
      NEURO_EPILEPSY: 'Epilepsy',
      NEURO_MOVEMENT: 'Movement disorders',
      NEURO_GENERAL: 'Neurology not otherwise specified',
    },
  ],
  OPHTHALMOLOGY: [
    'Ophthalmology',
    {
      OPHTH_CATARACT: 'Cataract',
      OPHTH_GLAUCOMA: 'Glaucoma',
      OPHTH_MEDICAL_RETINA: 'Medical retina',
      OPHTH_GENERAL: 'Ophthalmology not otherwise specified',
    },
  ],
  ORTHOPAEDICS: [
    'Orthopaedics',
    {
      ORTHO_HIP: 'Hip',
      ORTHO_KNEE: 'Knee',
      ORTHO_SHOULDER: 'Shoulder',
      ORTHO_HAND: 'Hand and wrist',
      ORTHO_FOOT_ANKLE: 'Foot and ankle',
      ORTHO_SPINE: 'Spine',
    },
  ],
  PAEDIATRICS: [
    'Children’s and adolescent services',
    {
      PAED_GENERAL: 'General paediatrics',
      PAED_ALLERGY: 'Paediatric allergy',
      PAED_ENURESIS: 'Enuresis',
    },
  ],
  PAIN_MANAGEMENT: ['Pain management', { PAIN_CHRONIC: 'Chronic pain', PAIN_BACK: 'Back pain' }],
  PHYSIOTHERAPY: [
    'Physiotherapy',
    { PHYSIO_MSK: 'Musculoskeletal', PHYSIO_PELVIC_HEALTH: 'Pelvic health' },
  ],
  RESPIRATORY: [
    'Respiratory medicine',
    {
      RESP_ASTHMA: 'Asthma',
      RESP_COPD: 'COPD',
      RESP_SLEEP_APNOEA: 'Sleep apnoea',
      RESP_GENERAL: 'Respiratory not otherwise specified',
    },
  ],
  RHEUMATOLOGY: [
    'Rheumatology',
    {
      RHEUM_INFLAMMATORY_ARTHRITIS: 'Inflammatory arthritis',
      RHEUM_OSTEOPOROSIS: 'Osteoporosis',
      RHEUM_GENERAL: 'Rheumatology not otherwise specified',
    },
  ],
  UROLOGY: [
    'Urology',
    {
      URO_PROSTATE: 'Prostate',
      URO_STONES: 'Kidney stones',
      URO_INCONTINENCE: 'Incontinence',
      URO_GENERAL: 'Urology not otherwise specified',
    },
  ],
  VASCULAR_SURGERY: [
    'Vascular surgery',
    { VASC_VARICOSE_VEINS: 'Varicose veins', VASC_ARTERIAL: 'Peripheral arterial disease' },
  ],
} as const;

type Table = typeof table;
/** A specialty code, for example `CARDIOLOGY`. */
export type SpecialtyCode = keyof Table;
/** A clinic type code, for example `CARD_CHEST_PAIN`. */
export type ClinicTypeCode = { [S in SpecialtyCode]: keyof Table[S][1] }[SpecialtyCode];

/** A specialty: the broad area of care a service belongs to. */
export interface Specialty {
  readonly code: SpecialtyCode;
  readonly name: string;
}

/** A clinic type: a narrower kind of clinic within one specialty. */
export interface ClinicType {
  readonly code: ClinicTypeCode;
  readonly name: string;
  readonly specialtyCode: SpecialtyCode;
}

/** Every specialty, in alphabetical order of code. */
export const SPECIALTIES: readonly Specialty[] = (Object.keys(table) as SpecialtyCode[]).map(
  (code) => ({ code, name: table[code][0] }),
);

/** Every clinic type, grouped by specialty. */
export const CLINIC_TYPES: readonly ClinicType[] = SPECIALTIES.flatMap(({ code: specialtyCode }) =>
  Object.entries(table[specialtyCode][1]).map(([code, name]) => ({
    code: code as ClinicTypeCode,
    name: name as string,
    specialtyCode,
  })),
);

const specialtyByCode = new Map<string, Specialty>(SPECIALTIES.map((s) => [s.code, s]));
const clinicTypeByCode = new Map<string, ClinicType>(CLINIC_TYPES.map((c) => [c.code, c]));

/** The specialty with this code, if there is one. */
export function findSpecialty(code: string): Specialty | undefined {
  return specialtyByCode.get(code);
}

/** The clinic type with this code, if there is one. */
export function findClinicType(code: string): ClinicType | undefined {
  return clinicTypeByCode.get(code);
}

/** The clinic types of one specialty. */
export function clinicTypesOf(specialtyCode: SpecialtyCode): readonly ClinicType[] {
  return CLINIC_TYPES.filter((c) => c.specialtyCode === specialtyCode);
}
