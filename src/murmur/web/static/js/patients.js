// Finding and creating patient profiles, and the list of the clinician's recent visits.

import { formatDateTime, h, setMessage } from "./dom.js";

/** @param {{name: string, ehrPatientId: string}} patient a profile, or a visit's patient */
export function patientName(patient) {
  return patient.name || patient.ehrPatientId || "Unnamed patient";
}

/** @param {import("./api.js").Patient} patient */
function patientDetails(patient) {
  return [
    patient.ehrPatientId ? `MRN ${patient.ehrPatientId}` : null,
    patient.dateOfBirth ? `born ${patient.dateOfBirth}` : null,
    patient.gender || null,
  ]
    .filter(Boolean)
    .join(" · ");
}

function matches(patient, query) {
  const needle = query.toLowerCase();
  return [patientName(patient), patient.ehrPatientId].some((value) => value.toLowerCase().includes(needle));
}

/** @param {import("./api.js").Session} session */
function sessionStatus(session) {
  if (session.signedOffVersion > 1) return "amended";
  if (session.signedOffVersion === 1) return "signed off";
  if (session.note) return "note written";
  if (session.recorded) return "recorded";
  return "new";
}

export class PatientsPanel {
  constructor({ client, elements, onSelect, onError }) {
    this.client = client;
    this.elements = elements;
    this.onSelect = onSelect;
    this.onError = onError;
    this.selected = null;
    elements.searchForm.addEventListener("submit", (event) => {
      event.preventDefault();
      this.search(elements.query.value.trim());
    });
    elements.createForm.addEventListener("submit", (event) => {
      event.preventDefault();
      this.create();
    });
  }

  async search(query) {
    try {
      // The API filters by MRN only; names are matched here, on the clinician's own list.
      let patients = await this.client.listPatients({ ehrPatientId: /^\S+$/.test(query) && /\d/.test(query) ? query : undefined });
      if (!patients.length && query) patients = await this.client.listPatients();
      this.render(query ? patients.filter((patient) => matches(patient, query)) : patients);
    } catch (error) {
      this.onError(`Patients could not be loaded: ${error.message}`);
    }
  }

  render(patients) {
    const items = patients.slice(0, 50).map((patient) =>
      h(
        "li",
        {},
        h(
          "button",
          {
            type: "button",
            class: `pick${this.selected?.id === patient.id ? " selected" : ""}`,
            "aria-pressed": String(this.selected?.id === patient.id),
            dataset: { patientId: patient.id },
            onclick: () => this.select(patient),
          },
          h("span", { class: "pick-title" }, patientName(patient)),
          h("span", { class: "pick-sub" }, patientDetails(patient)),
        ),
      ),
    );
    this.elements.list.replaceChildren(
      ...(items.length ? items : [h("li", { class: "hint" }, "No matching patient. Create one below.")]),
    );
  }

  select(patient) {
    this.selected = patient;
    for (const button of this.elements.list.querySelectorAll("button.pick")) {
      const chosen = button.dataset.patientId === patient.id;
      button.classList.toggle("selected", chosen);
      button.setAttribute("aria-pressed", String(chosen));
    }
    this.onSelect(patient);
  }

  async create() {
    const form = this.elements.createForm;
    /** @type {import("./api.js").PatientProfileFields} */
    const profile = Object.fromEntries([...new FormData(form)].map(([name, value]) => [name, String(value).trim()]));
    if (!profile.firstName || !profile.lastName) {
      setMessage(this.elements.error, "Enter the patient's first and last name.");
      (profile.firstName ? form.elements.lastName : form.elements.firstName).focus();
      return;
    }
    setMessage(this.elements.error, "");
    try {
      const patient = await this.client.createPatient(profile);
      form.reset();
      this.elements.details.open = false;
      this.render([patient]);
      this.select(patient);
    } catch (error) {
      setMessage(this.elements.error, `The patient was not created: ${error.message}`);
    }
  }
}

export class VisitsPanel {
  constructor({ client, list, onOpen, onError }) {
    this.client = client;
    this.list = list;
    this.onOpen = onOpen;
    this.onError = onError;
    this.activeId = null;
  }

  async refresh() {
    try {
      const sessions = await this.client.listRecentSessions(20);
      sessions.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      this.render(sessions);
    } catch (error) {
      this.onError(`Recent visits could not be loaded: ${error.message}`);
    }
  }

  render(sessions) {
    const items = sessions.map((session) => {
      const status = sessionStatus(session);
      return h(
        "li",
        {},
        h(
          "button",
          {
            type: "button",
            class: `pick${session.id === this.activeId ? " selected" : ""}`,
            "aria-current": session.id === this.activeId ? "true" : null,
            onclick: () => this.onOpen(session.id),
          },
          h("span", { class: "pick-title" }, patientName(session.patient)),
          h(
            "span",
            { class: "pick-sub" },
            formatDateTime(session.createdAt),
            " ",
            h("span", { class: `badge status-${status.replaceAll(" ", "-")}` }, status),
          ),
        ),
      );
    });
    this.list.replaceChildren(...(items.length ? items : [h("li", { class: "hint" }, "No visits yet.")]));
  }
}
