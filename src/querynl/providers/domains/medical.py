"""Healthcare: diagnoses with their ICD-10 codes, medications and prescriptions, blood types
(at their population frequencies), allergies, specialties, appointment statuses."""

from __future__ import annotations

from collections import OrderedDict

from querynl.providers.base import QueryNLProvider, clip, patterned, positive_length, vocabulary


class MedicalProvider(QueryNLProvider):
    icd10_diagnoses = (
        ("I10", "Essential (primary) hypertension"),
        ("E11.9", "Type 2 diabetes mellitus without complications"),
        ("E78.5", "Hyperlipidemia, unspecified"), ("J06.9", "Acute upper respiratory infection, unspecified"),
        ("J45.909", "Unspecified asthma, uncomplicated"),
        ("J44.9", "Chronic obstructive pulmonary disease, unspecified"),
        ("J18.9", "Pneumonia, unspecified organism"), ("J02.9", "Acute pharyngitis, unspecified"),
        ("J01.90", "Acute sinusitis, unspecified"), ("J20.9", "Acute bronchitis, unspecified"),
        ("M54.5", "Low back pain"), ("M54.2", "Cervicalgia"),
        ("M17.11", "Primary osteoarthritis, right knee"),
        ("M25.561", "Pain in right knee"), ("M79.1", "Myalgia"), ("M81.0", "Age-related osteoporosis"),
        ("F32.9", "Major depressive disorder, single episode, unspecified"),
        ("F41.1", "Generalized anxiety disorder"),
        ("F41.9", "Anxiety disorder, unspecified"),
        ("F90.0", "Attention-deficit hyperactivity disorder, inattentive type"),
        ("G43.909", "Migraine, unspecified, not intractable"), ("G47.00", "Insomnia, unspecified"),
        ("R51.9", "Headache, unspecified"), ("R05.9", "Cough, unspecified"),
        ("R10.9", "Unspecified abdominal pain"),
        ("R53.83", "Other fatigue"), ("R42", "Dizziness and giddiness"), ("R07.9", "Chest pain, unspecified"),
        ("K21.9", "Gastro-esophageal reflux disease without esophagitis"),
        ("K58.9", "Irritable bowel syndrome without diarrhea"),
        ("K29.70", "Gastritis, unspecified, without bleeding"), ("K35.80", "Unspecified acute appendicitis"),
        ("N39.0", "Urinary tract infection, site not specified"),
        ("N18.3", "Chronic kidney disease, stage 3"),
        ("E03.9", "Hypothyroidism, unspecified"), ("E66.9", "Obesity, unspecified"),
        ("D50.9", "Iron deficiency anemia, unspecified"), ("E55.9", "Vitamin D deficiency, unspecified"),
        ("I25.10", "Atherosclerotic heart disease of native coronary artery"),
        ("I48.91", "Unspecified atrial fibrillation"),
        ("I50.9", "Heart failure, unspecified"), ("I63.9", "Cerebral infarction, unspecified"),
        ("L20.9", "Atopic dermatitis, unspecified"), ("L70.0", "Acne vulgaris"),
        ("L40.0", "Psoriasis vulgaris"),
        ("H10.9", "Unspecified conjunctivitis"), ("H66.90", "Otitis media, unspecified"),
        ("B34.9", "Viral infection, unspecified"),
        ("A09", "Infectious gastroenteritis and colitis, unspecified"),
        ("U07.1", "COVID-19"), ("J30.9", "Allergic rhinitis, unspecified"),
        ("S93.401A", "Sprain of right ankle, initial encounter"),
        ("S52.501A", "Fracture of lower end of right radius, initial encounter"),
        ("Z00.00", "General adult medical examination"),
        ("Z23", "Encounter for immunization"), ("O80", "Encounter for full-term uncomplicated delivery"),
        ("C50.911", "Malignant neoplasm of right female breast"), ("C61", "Malignant neoplasm of prostate"),
        ("G35", "Multiple sclerosis"), ("G20", "Parkinson's disease"),
        ("G30.9", "Alzheimer's disease, unspecified"),
    )  # fmt: skip
    medications = (
        "Atorvastatin", "Lisinopril", "Levothyroxine", "Metformin", "Amlodipine", "Metoprolol",
        "Omeprazole", "Simvastatin", "Losartan", "Albuterol", "Gabapentin", "Hydrochlorothiazide",
        "Sertraline", "Montelukast", "Fluticasone", "Amoxicillin", "Furosemide", "Pantoprazole",
        "Escitalopram", "Prednisone", "Bupropion", "Pravastatin", "Tramadol", "Trazodone",
        "Insulin glargine", "Carvedilol", "Meloxicam", "Clopidogrel", "Citalopram", "Rosuvastatin",
        "Azithromycin", "Cephalexin", "Ciprofloxacin", "Doxycycline", "Ibuprofen", "Acetaminophen",
        "Naproxen", "Cetirizine", "Loratadine", "Warfarin", "Apixaban", "Venlafaxine",
        "Duloxetine", "Fluoxetine", "Alprazolam", "Lorazepam", "Zolpidem", "Tamsulosin",
        "Finasteride", "Spironolactone", "Allopurinol", "Propranolol", "Diclofenac", "Ondansetron",
    )  # fmt: skip
    medication_strengths = (
        "2.5 mg", "5 mg", "10 mg", "20 mg", "25 mg", "40 mg", "50 mg", "100 mg", "250 mg", "500 mg",
    )  # fmt: skip
    medication_frequencies = (
        "once daily", "twice daily", "three times daily", "every 8 hours", "at bedtime",
        "as needed", "every morning", "with meals", "once weekly",
    )  # fmt: skip
    prescription_formats = ("{medications} {medication_strengths}, {medication_frequencies}",)
    # ABO/Rh frequencies (US population)
    blood_types = OrderedDict(
        [("O+", 0.374), ("A+", 0.357), ("B+", 0.085), ("O-", 0.066), ("A-", 0.063), ("AB+", 0.034),
         ("B-", 0.015), ("AB-", 0.006)]
    )  # fmt: skip
    allergies = (
        "Penicillin", "Sulfa drugs", "Aspirin", "Ibuprofen", "Codeine", "Latex", "Peanuts",
        "Tree nuts", "Shellfish", "Fish", "Eggs", "Milk", "Soy", "Wheat", "Sesame", "Bee stings",
        "Pollen", "Dust mites", "Cat dander", "Dog dander", "Mold", "Iodinated contrast",
        "Nickel", "No known allergies",
    )  # fmt: skip
    medical_specialties = (
        "Family Medicine", "Internal Medicine", "Pediatrics", "Cardiology", "Dermatology",
        "Endocrinology", "Gastroenterology", "Neurology", "Obstetrics and Gynecology", "Oncology",
        "Ophthalmology", "Orthopedics", "Otolaryngology", "Psychiatry", "Pulmonology", "Radiology",
        "Rheumatology", "Urology", "Nephrology", "Emergency Medicine", "Anesthesiology",
        "General Surgery", "Infectious Disease", "Physical Therapy",
    )  # fmt: skip
    appointment_statuses = (
        "scheduled", "confirmed", "checked_in", "completed", "completed", "cancelled", "no_show",
    )  # fmt: skip

    medication = vocabulary("medications")
    prescription = patterned("prescription_formats", doc="``Metformin 500 mg, twice daily``.")
    allergy = vocabulary("allergies")
    medical_specialty = vocabulary("medical_specialties")
    appointment_status = vocabulary("appointment_statuses")

    def diagnosis(self, max_chars: int | None = None) -> str:
        """A diagnosis as ICD-10 words it: ``Essential (primary) hypertension``."""
        return self._pick(tuple(name for _, name in self.icd10_diagnoses), max_chars)

    def icd10_code(self, max_chars: int | None = None) -> str:
        """An ICD-10-CM code of one of the diagnoses: ``E11.9``."""
        return self._pick(tuple(code for code, _ in self.icd10_diagnoses), max_chars)

    def blood_type(self, max_chars: int | None = None) -> str:
        """``O+``, ``AB-``... at their population frequencies (``max_chars`` below 3: clipped)."""
        return clip(self._choose(self.blood_types), positive_length(max_chars))
