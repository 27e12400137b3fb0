"""The words the extractor looks for: drugs (drugs.tsv), tests, specialists, conditions and
relatives, each mapped to the name a note would use."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from murmur.facts.domain import OrderType
from murmur.language.respelling import Respeller

_DRUGS = Path(__file__).parents[2] / "language" / "drugs.tsv"  # shared with the omission check

# Tests and procedures a clinician orders: canonical name, kind, spoken forms.
_ORDERS: tuple[tuple[str, OrderType, str], ...] = (
    ("hemoglobin a1c", OrderType.LAB, "hemoglobin a1c|a1c|hba1c|a 1 c"),
    ("lipid panel", OrderType.LAB, "lipid panel|lipids|cholesterol (?:panel|test|levels?)"),
    ("complete blood count", OrderType.LAB, "cbc|complete blood count"),
    ("full blood count", OrderType.LAB, "full blood count|fbc"),
    ("metabolic panel", OrderType.LAB, "cmp|bmp|(?:basic |comprehensive )?metabolic panel"),
    ("kidney function", OrderType.LAB, "kidney function(?: tests?)?|renal function(?: tests?)?"),
    ("liver function", OrderType.LAB, "liver function(?: tests?)?|lfts?|liver enzymes"),
    (
        "thyroid function",
        OrderType.LAB,
        "tsh|thyroid (?:function|levels?|tests?|panel)|"
        "(?<=check your )thyroid|(?<=checking your )thyroid|(?<=test your )thyroid",
    ),
    (
        "urinalysis",
        OrderType.LAB,
        "urinalysis|urine (?:test|sample|dip|culture)|ua|"
        "(?<=test your )urine|(?<=check your )urine|"
        "(?<=testing your )urine|(?<=checking your )urine",
    ),
    ("urine collection", OrderType.LAB, r"(?:24|twenty four)[ -]hour urine(?: collection)?"),
    ("blood culture", OrderType.LAB, "blood cultures?"),
    ("culture", OrderType.LAB, "cultures?|swab"),
    ("strep test", OrderType.LAB, "strep (?:test|swab)|rapid strep"),
    ("covid-19 test", OrderType.LAB, "covid(?:-19)? (?:test|swab)|pcr"),
    ("psa", OrderType.LAB, "psa"),
    ("vitamin d level", OrderType.LAB, "vitamin d (?:level|test)s?"),
    ("iron studies", OrderType.LAB, "iron (?:studies|levels?|panel)|ferritin"),
    ("inflammatory markers", OrderType.LAB, "inflammatory markers|crp|esr|sed rate"),
    ("bnp", OrderType.LAB, "bnp|heart failure number"),
    ("troponin", OrderType.LAB, "troponins?"),
    ("aldosterone level", OrderType.LAB, "aldosterone(?: levels?)?"),
    ("renin level", OrderType.LAB, "renin(?: levels?)?|reining levels?"),
    ("blood films", OrderType.LAB, "(?:thick and thin )?blood films?"),
    ("vitamin b12 level", OrderType.LAB, "(?:vitamin )?b ?12(?: levels?)?"),
    ("folate level", OrderType.LAB, "folate(?: levels?)?|folic acid levels?"),
    ("coagulation studies", OrderType.LAB, "inr|pt/?inr|coag(?:ulation)? (?:studies|panel)"),
    ("d-dimer", OrderType.LAB, "d-? ?dimer"),
    ("lipase", OrderType.LAB, "lipase|amylase"),
    (
        "stool test",
        OrderType.LAB,
        "stool (?:tests?|samples?|studies|cultures?)|fecal occult blood(?: test)?|"
        "fit test|cologuard",
    ),
    ("h. pylori test", OrderType.LAB, "h\\.? ?pylori(?: test| breath test)?"),
    ("hepatitis panel", OrderType.LAB, "hepatitis (?:panel|screen\\w*|tests?)"),
    ("hiv test", OrderType.LAB, "hiv (?:test|screen\\w*)"),
    ("pregnancy test", OrderType.LAB, "pregnancy test|hcg"),
    (
        "sti testing",
        OrderType.LAB,
        "sti (?:testing|screen\\w*|panel)|std (?:testing|screen\\w*|panel)|"
        "chlamydia(?: and gonorrhea)?(?: test)?",
    ),
    ("drug screen", OrderType.LAB, "(?:urine )?drug screen"),
    ("electrolytes", OrderType.LAB, "electrolytes|potassium level|magnesium level|sodium level"),
    ("uric acid level", OrderType.LAB, "uric acid(?: level)?"),
    ("allergy testing", OrderType.LAB, "allergy (?:blood )?(?:testing|tests?|panel)|rast"),
    ("genetic testing", OrderType.LAB, "genetic (?:testing|tests?)"),
    ("pap smear", OrderType.LAB, "pap(?: smear| test)?"),
    ("sputum culture", OrderType.LAB, "sputum (?:culture|sample)"),
    ("arterial blood gas", OrderType.LAB, "(?:arterial )?blood gas|abg"),
    (
        "blood tests",
        OrderType.LAB,
        "blood ?work|blood tests?|labs|lab work|bloods|blood draw|"
        "(?<=draw )blood|(?<=draw some )blood|(?<=draw your )blood|(?<=take some )blood",
    ),
    ("chest x-ray", OrderType.IMAGING, "chest x-?rays?|chest xrays?|cxr"),
    ("x-ray", OrderType.IMAGING, "x-?rays?|xrays?|x ray|radiographs?"),
    ("ct", OrderType.IMAGING, "ct(?: scan)?|cat scan|ct angiogram"),
    ("pet ct", OrderType.IMAGING, "pet(?: ct| scan)"),
    ("mri", OrderType.IMAGING, "mri|m r i|mra"),
    ("ultrasound", OrderType.IMAGING, "ultrasound|sonogram|doppler"),
    ("echocardiogram", OrderType.IMAGING, "echocardiogram|echo"),
    ("mammogram", OrderType.IMAGING, "mammograms?"),
    ("dexa scan", OrderType.IMAGING, "dexa(?: scan)?|bone density(?: scan)?"),
    ("bone scan", OrderType.IMAGING, "bone scan"),
    ("angiogram", OrderType.IMAGING, "angiogram|angiography"),
    ("fluoroscopy", OrderType.IMAGING, "fluoroscopy|barium (?:swallow|enema)|upper gi series"),
    ("nuclear medicine scan", OrderType.IMAGING, "hida scan|v/?q scan|thyroid (?:uptake )?scan"),
    ("imaging", OrderType.IMAGING, "imaging|scans?"),
    ("ekg", OrderType.PROCEDURE, "ekg|ecg|electrocardiogram"),
    ("emg", OrderType.PROCEDURE, "emg|nerve conduction(?: study)?"),
    ("stress test", OrderType.PROCEDURE, "(?:nuclear )?stress test"),
    ("holter monitor", OrderType.PROCEDURE, "holter(?: monitor)?|heart monitor|event monitor"),
    ("pulmonary function test", OrderType.PROCEDURE, "pfts?|pulmonary function tests?"),
    ("sleep study", OrderType.PROCEDURE, "sleep study"),
    ("biopsy", OrderType.PROCEDURE, "biopsy"),
    ("colonoscopy", OrderType.PROCEDURE, "colonoscopy"),
    ("endoscopy", OrderType.PROCEDURE, "endoscopy|egd|upper scope"),
    ("cardiac catheterization", OrderType.PROCEDURE, "cardiac cath\\w*|heart cath\\w*"),
    ("injection", OrderType.PROCEDURE, "(?:steroid |cortisone )?injection|shot"),
    ("allergy skin testing", OrderType.PROCEDURE, "skin (?:testing|test|prick)"),
    ("lithotripsy", OrderType.PROCEDURE, "lithotripsy"),
    ("eeg", OrderType.PROCEDURE, "eeg|electroencephalogram"),
    ("spirometry", OrderType.PROCEDURE, "spirometry"),
    ("cystoscopy", OrderType.PROCEDURE, "cystoscopy|ureteroscopy"),
    ("arthroscopy", OrderType.PROCEDURE, "arthroscop\\w+"),
    (
        "joint replacement",
        OrderType.PROCEDURE,
        "(?:total )?(?:knee|hip|shoulder|joint) replacement|"
        "(?:knee|hip|shoulder) (?:replaced|arthroplasty)",
    ),
    ("stent", OrderType.PROCEDURE, "stents?|angioplasty"),
    ("ablation", OrderType.PROCEDURE, "ablation"),
    ("nerve block", OrderType.PROCEDURE, "nerve block|epidural(?: steroid)?(?: injection)?"),
    (
        "vaccination",
        OrderType.PROCEDURE,
        "vaccines?|vaccination|flu shot|tetanus(?: shot| booster)?|booster|immuni[sz]ation",
    ),
    (
        "excision",
        OrderType.PROCEDURE,
        "excision|remov(?:e|al of) (?:the |that |this )?(?:mole|lesion|cyst|lump)",
    ),
    ("cryotherapy", OrderType.PROCEDURE, "cryotherapy|freez(?:e|ing) (?:it|them|that)(?: off)?"),
    (
        "incision and drainage",
        OrderType.PROCEDURE,
        "incision and drainage|i and d|drain (?:it|that|the abscess)",
    ),
    ("immunotherapy", OrderType.PROCEDURE, "immunotherapy|allergy shots"),
    ("surgery", OrderType.PROCEDURE, "surgery|surgical \\w+|operation"),
    ("physical therapy", OrderType.REFERRAL, "physical therapy|physiotherapy|physio"),
    ("occupational therapy", OrderType.REFERRAL, "occupational therapy"),
)
# Who a referral sends the patient to.
_SPECIALISTS = (
    r"\w+ologist|\w+ology|physical therap(?:y|ist)|physiotherap(?:y|ist)|"
    r"occupational therap(?:y|ist)|"
    r"(?:orthopa?edic|general|vascular|hand|spine|plastic|colorectal|cardiac) surgeon|pt|"
    r"nutritionist|dietitian|dietician|nutrition|surgeon|specialist|podiatrist|"
    r"orthopedics?|orthopaedics?|dermatology|psychiatry|psychiatrist|therapist|counsell?or|"
    r"counselling|counseling|(?:tia|memory|pain|sleep|fracture) clinic|physio|dr\. \w+"
)
_CONDITIONS: tuple[tuple[str, str], ...] = (
    (
        "hypertension",
        "(?:uncontrolled |essential )?hypertension|high blood pressure|blood pressure problems",
    ),
    ("allergic asthma", "allergic asthma"),
    ("asthma exacerbation", "asthma (?:exacerbation|attack|flare)"),
    ("carpal tunnel syndrome", "carpal tunnel(?: syndrome)?"),
    (
        "upper respiratory infection",
        "upper respiratory (?:tract )?infection|uri|common cold|(?:a|the|head|chest) cold",
    ),
    ("urinary tract infection", "urinary tract infection|uti|bladder infection"),
    ("pneumonia", "pneumonia"),
    ("viral infection", "viral (?:infection|illness)"),
    ("influenza", "influenza|the flu|flu"),
    ("cellulitis", "cellulitis|skin infection"),
    ("conjunctivitis", "conjunctivitis|pink ?eye"),
    ("shingles", "shingles|herpes zoster"),
    ("irritable bowel syndrome", "irritable bowel(?: syndrome)?|ibs"),
    ("diverticulitis", "diverticulitis"),
    ("pancreatitis", "pancreatitis"),
    ("gastritis", "gastritis"),
    ("peptic ulcer", "(?:peptic |stomach |duodenal |gastric )ulcers?"),
    ("gallstones", "gallstones?|cholecystitis"),
    ("appendicitis", "appendicitis"),
    ("hemorrhoids", "hemorrhoids?|haemorrhoids?|piles"),
    ("hernia", "(?:inguinal |umbilical |hiatal )?hernia"),
    ("kidney infection", "kidney infection|pyelonephritis"),
    ("prostatitis", "prostatitis"),
    ("benign prostatic hyperplasia", "benign prostatic hyperplasia|bph|enlarged prostate"),
    ("vertigo", "(?:benign paroxysmal positional )?vertigo|bppv"),
    ("peripheral neuropathy", "(?:peripheral |diabetic )?neuropathy"),
    ("tension headache", "tension(?:-type)? headaches?"),
    ("bursitis", "bursitis"),
    ("lupus", "lupus|sle"),
    ("multiple sclerosis", "multiple sclerosis"),
    ("parkinson's disease", "parkinson'?s(?: disease)?"),
    ("hyperlipidemia", "hyperlipidemia|dyslipidemia|hypercholesterolemia"),
    ("prediabetes", "pre-?diabetes|pre-?diabetic|borderline diabetes"),
    ("chronic kidney disease", "chronic kidney disease|ckd"),
    ("allergic rhinitis", "allergic rhinitis|seasonal allergies|hay ?fever"),
    ("dermatitis", "(?:contact |atopic |seborrheic )?dermatitis"),
    ("rosacea", "rosacea"),
    ("urticaria", "urticaria|hives"),
    ("ptsd", "ptsd|post-?traumatic stress(?: disorder)?"),
    ("adhd", "adhd|attention deficit(?: hyperactivity)?(?: disorder)?"),
    ("schizophrenia", "schizophrenia"),
    ("osteopenia", "osteopenia"),
    ("leukemia", "leukemia|leukaemia"),
    ("lymphoma", "lymphoma"),
    ("pancreatic cancer", "pancreatic cancer"),
    ("stomach cancer", "stomach cancer|gastric cancer"),
    ("uterine cancer", "uterine cancer|endometrial cancer"),
    ("cervical cancer", "cervical cancer"),
    ("brain tumor", "brain tumou?r|brain cancer"),
    ("liver disease", "liver disease|cirrhosis|fatty liver"),
    ("hepatitis", "hepatitis(?: [abc])?"),
    ("hiv", "hiv"),
    ("tuberculosis", "tuberculosis|tb"),
    ("cystic fibrosis", "cystic fibrosis"),
    ("sickle cell disease", "sickle cell(?: disease| anemia| trait)?"),
    ("hemophilia", "hemophilia|haemophilia"),
    ("high blood pressure in pregnancy", "preeclampsia|pre-eclampsia"),
    ("anxiety disorder", "generali[sz]ed anxiety(?: disorder)?"),
    ("eating disorder", "eating disorder|anorexia|bulimia"),
    ("substance use disorder", "addiction|substance (?:use|abuse)"),
    ("autism", "autism|autistic"),
    ("down syndrome", "down'?s? syndrome"),
    (
        "heart valve disease",
        "valve (?:disease|problems?)|mitral (?:valve )?(?:prolapse|regurgitation)",
    ),
    ("arrhythmia", "arrhythmias?|irregular heartbeat|irregular heart rhythm"),
    ("peripheral artery disease", "peripheral (?:artery|arterial|vascular) disease"),
    ("varicose veins", "varicose veins"),
    ("bronchitis", "bronchitis"),
    ("sinusitis", "sinusitis|sinus infection"),
    ("otitis media", "otitis media|ear infection"),
    ("pharyngitis", "pharyngitis|strep throat"),
    ("gastroenteritis", "gastroenteritis|stomach bug|stomach flu"),
    ("gerd", "gerd|acid reflux|reflux"),
    ("nicotine dependence", "nicotine dependence|tobacco (?:use|dependence)"),
    ("obesity", "obesity|obese"),
    ("hyperglycemia", "hyperglycemia"),
    ("hypoglycemia", "hypoglycemia"),
    ("hypothyroidism", "hypothyroidism"),
    ("hyperthyroidism", "hyperthyroidism"),
    ("anemia", "anemia|anaemia"),
    ("lung nodule", "(?:lung|pulmonary) nodule"),
    ("rheumatoid arthritis", "rheumatoid arthritis"),
    ("osteoarthritis", "osteoarthritis"),
    ("acne", "acne(?: vulgaris)?"),
    ("melanocytic nevi", "(?:benign |atypical )?(?:moles|nevi|melanocytic nevi)"),
    ("sprain", "sprain(?:ed|s)?"),
    ("strain", "(?:muscle )?strain(?:ed)?(?! yourself)|pulled (?:a |your )?muscle"),
    (
        "ligament tear",
        "(?:torn|tore|tear(?: of)?) (?:your |the |a |my )?(?:left |right )?"
        "(?:acl|mcl|lcl|pcl|ligament)|"
        "(?:acl|mcl|lcl|pcl|ligament) (?:tear|rupture)",
    ),
    (
        "meniscus tear",
        "(?:torn|tore|tear(?: of)?) (?:your |the |a |my )?meniscus|meniscus tear|meniscal tear",
    ),
    ("rotator cuff tear", "rotator cuff (?:tear|injury)|torn rotator cuff"),
    ("concussion", "concussion"),
    ("contusion", "contusion|bone bruise"),
    ("dislocation", "dislocat(?:ed|ion)"),
    ("fracture", "fracture|broken bone"),
    ("tendinitis", "tendinitis|tendonitis|lateral epicondylitis|tennis elbow"),
    ("plantar fasciitis", "plantar fasciitis"),
    ("sciatica", "sciatica"),
    ("trigeminal neuralgia", "trigeminal neuralgia"),
    ("pituitary adenoma", "pituitary adenoma|pituitary tumor"),
    ("glioma", "(?:high grade )?glioma"),
    ("aortic stenosis", "aortic stenosis"),
    ("heart murmur", "(?:heart )?murmur"),
    ("insomnia", "insomnia"),
    ("sleep apnea", "(?:obstructive )?sleep apnea"),
    ("malaria", "malaria"),
    ("chest pain", "chest pain"),
    ("hematuria", "hematuria|blood in (?:the|your) urine"),
    ("panic attack", "panic attacks?|anxiety attacks?"),
    ("transient ischemic attack", "transient ischemic attack|tia|mini[- ]stroke"),
    ("kidney transplant", "kidney transplant|renal transplant"),
    ("type 2 diabetes", "type (?:2|two) diabetes"),
    ("type 1 diabetes", "type (?:1|one) diabetes"),
    ("diabetes", "diabetes|diabetic|sugar diabetes"),
    ("heart attack", "heart attacks?|myocardial infarction|mi"),
    ("heart disease", "heart disease|heart problems?|heart (?:condition|issues)|cardiac disease"),
    ("heart failure", "heart failure|chf"),
    ("coronary artery disease", "coronary artery disease|cad|blocked arteries"),
    ("atrial fibrillation", "atrial fibrillation|afib|a-fib"),
    ("stroke", "strokes?|cva"),
    ("high cholesterol", "high cholesterol|hyperlipidemia|cholesterol problems?"),
    ("asthma", "asthma|asthmatic"),
    ("copd", "copd|emphysema"),
    ("eczema", "eczema"),
    ("psoriasis", "psoriasis"),
    ("kidney disease", "kidney disease|kidney failure|renal disease|kidney problems?"),
    ("kidney stones", "kidney stones?"),
    ("thyroid disease", "thyroid (?:disease|problems?|issues)|hypothyroidism|hyperthyroidism"),
    ("breast cancer", "breast cancer"),
    ("colon cancer", "colon cancer|colorectal cancer|bowel cancer"),
    ("prostate cancer", "prostate cancer"),
    ("lung cancer", "lung cancer"),
    ("ovarian cancer", "ovarian cancer"),
    ("skin cancer", "skin cancer|melanoma"),
    ("cancer", "cancer"),
    ("mild cognitive impairment", "mild cognitive impairment"),
    ("dementia", "dementia|alzheimer'?s"),
    ("depression", "depression"),
    ("anxiety", "anxiety"),
    ("bipolar disorder", "bipolar(?: disorder)?"),
    ("suicide", "suicide|killed (?:him|her)self"),
    ("osteoporosis", "osteoporosis"),
    ("arthritis", "arthritis|rheumatoid arthritis"),
    ("migraine", "migraines?"),
    ("epilepsy", "epilepsy|seizures?"),
    ("gout", "gout"),
    ("glaucoma", "glaucoma"),
    ("aneurysm", "aneurysms?"),
    ("blood clots", "blood clots?|dvt|pulmonary embolism"),
    ("celiac disease", "celiac(?: disease)?|coeliac(?: disease)?"),
    ("crohn's disease", "crohn'?s(?: disease)?"),
    ("ulcerative colitis", "ulcerative colitis|colitis"),
    ("covid", "covid(?:-19)?|coronavirus"),
    ("alcoholism", "alcoholism|alcoholic|drinking problem"),
    ("sudden death", "sudden (?:cardiac )?death|died suddenly"),
)
# Ordinary words of clinic talk that lie near a drug's spelling and are never a misheard drug.
_ORDINARY_WORDS = (
    "continue",
    "continued",
    "condition",
    "conditions",
    "medication",
    "medications",
    "medicine",
    "prescription",
    "different",
    "certainly",
    "basically",
    "obviously",
    "definitely",
    "something",
    "sometimes",
    "otherwise",
    "everything",
    "situation",
    "information",
)
_RELATIVES = {
    "mom": "mother", "mum": "mother", "mother": "mother", "dad": "father", "father": "father",
    "brother": "brother", "sister": "sister", "son": "son", "daughter": "daughter",
    "grandmother": "grandmother", "grandma": "grandmother", "grandfather": "grandfather",
    "grandpa": "grandfather", "aunt": "aunt", "auntie": "aunt", "uncle": "uncle",
    "cousin": "cousin", "parents": "parents", "parent": "parent", "siblings": "siblings",
    "sibling": "sibling", "nephew": "nephew", "niece": "niece", "twin": "twin",
    "grandparents": "grandparents", "brothers": "brothers", "sisters": "sisters",
}  # fmt: skip


def _alternation(forms: Iterable[str]) -> str:
    return "|".join(sorted(forms, key=len, reverse=True))


@cache
def drug_names() -> dict[str, str]:
    """Every spoken form of a drug -> its generic name."""
    names: dict[str, str] = {}
    for line in _DRUGS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        generic, _, others = line.partition("\t")
        for form in [generic, *others.split(",")]:
            if form.strip():
                names[form.strip().lower()] = generic.strip().lower()
    return names


@cache
def drug_pattern() -> re.Pattern[str]:
    forms = (re.escape(form) for form in drug_names())
    return re.compile(rf"(?<![\w-])(?:{_alternation(forms)})(?![\w-])")


@cache
def drug_respeller() -> Respeller:
    """Misheard drug names ("metforman") read as the drug; ordinary clinic words never are."""
    return Respeller(drug_names(), known=_ORDINARY_WORDS)


# Where on the body an injury or local problem sits, as a note names it.
_BODY_SITES = (
    "ankle",
    "knee",
    "wrist",
    "elbow",
    "shoulder",
    "hip",
    "hand",
    "foot",
    "heel",
    "toe",
    "big toe",
    "finger",
    "thumb",
    "neck",
    "lower back",
    "upper back",
    "back",
    "hamstring",
    "calf",
    "thigh",
    "groin",
    "forearm",
    "arm",
    "leg",
    "chest wall",
    "rib",
    "ribs",
    "face",
    "scalp",
    "eye",
    "ear",
    "collarbone",
    "clavicle",
    "achilles",
    "rotator cuff",
    "spine",
)
# Named ligaments and tendons; a misheard one ("talofiblar") is respelled to the nearest.
_LIGAMENTS = (
    "anterior talofibular ligament", "calcaneofibular ligament", "posterior talofibular ligament",
    "deltoid ligament", "anterior cruciate ligament", "posterior cruciate ligament",
    "medial collateral ligament", "lateral collateral ligament", "ulnar collateral ligament",
    "scapholunate ligament", "achilles tendon", "patellar tendon", "supraspinatus tendon",
    "high ankle syndesmosis",
)  # fmt: skip
_LIGAMENT_WORDS = ("anterior", "posterior", "lateral", "medial", "ligament", "tendon")
_LIGAMENT_ABBREVIATIONS = {
    "acl": "anterior cruciate ligament", "pcl": "posterior cruciate ligament",
    "mcl": "medial collateral ligament", "lcl": "lateral collateral ligament",
    "atfl": "anterior talofibular ligament", "ucl": "ulnar collateral ligament",
}  # fmt: skip
_LIGAMENT_SHORT = re.compile(rf"\b(?:{'|'.join(_LIGAMENT_ABBREVIATIONS)})\b")
SITE_RE = re.compile(rf"\b(?:{_alternation(map(re.escape, _BODY_SITES))})s?\b")


@cache
def ligament_respeller() -> Respeller:
    """The distinctive word of each ligament's name ("talofibular", "cruciate")."""
    words = {word for name in _LIGAMENTS for word in name.split() if word not in _LIGAMENT_WORDS}
    return Respeller(words, known=_ORDINARY_WORDS)


def ligament_named(text: str) -> str | None:
    """The ligament or tendon named in ``text``, its distinctive word perhaps misheard."""
    for name in _LIGAMENTS:
        if name in text:
            return name
    if short := _LIGAMENT_SHORT.search(text):
        return _LIGAMENT_ABBREVIATIONS[short.group(0)]
    for near in ligament_respeller().find(text):
        named = [name for name in _LIGAMENTS if near.term in name.split()]
        if named:
            # "anterior talofiblar ligament": the words said around it pick among the names.
            around = text[max(0, near.start - 20) : near.end + 20]
            return max(named, key=lambda name: sum(w in around for w in name.split()))
    return None


def _compile_table(rows: Iterable[tuple[str, str]]) -> tuple[re.Pattern[str], list[str]]:
    rows = list(rows)
    parts = [f"(?P<g{i}>{forms})" for i, (_, forms) in enumerate(rows)]
    return re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})(?![\w-])"), [name for name, _ in rows]


ORDER_RE, _ORDER_NAMES = _compile_table((name, forms) for name, _, forms in _ORDERS)
_ORDER_TYPES = {name: kind for name, kind, _ in _ORDERS}
CONDITION_RE, _CONDITION_NAMES = _compile_table(_CONDITIONS)
SPECIALISTS = _SPECIALISTS
SPECIALIST_RE = re.compile(rf"(?<![\w-])(?:{_SPECIALISTS})(?![\w-])")
RELATIVE_RE = re.compile(rf"\b(?:{_alternation(_RELATIVES)})(?:'s)?\b")


def _named(match: re.Match[str], names: list[str]) -> str:
    group = match.lastgroup or "g0"
    return names[int(group[1:])]


def order_named(match: re.Match[str]) -> tuple[str, OrderType]:
    name = _named(match, _ORDER_NAMES)
    return name, _ORDER_TYPES[name]


def condition_named(match: re.Match[str]) -> str:
    return _named(match, _CONDITION_NAMES)


def relative_named(word: str) -> str:
    return _RELATIVES.get(word.lower().removesuffix("'s"), word.lower())
