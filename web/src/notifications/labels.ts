// Each notification type (Notifications/SignalType on the service) in Dutch, with what it asks of the reader.
const labels: Record<string, string> = {
  "sroi-contract.registered": "Contract met SROI-verplichting geregistreerd of gewijzigd",
  "fulfilment.reported": "Rapportage wacht op beoordeling",
  "fulfilment.reviewed": "Rapportage beoordeeld",
  "contract.behind": "Contract loopt achter",
  "contract.overdue": "Contract is verlopen zonder volledige invulling",
  "settlement.due": "Afrekening moet worden vastgelegd",
  "report.due": "Rapportage is te laat",
  "plan.behind": "Plan van aanpak: een periode is onder plan geëindigd",
  "checkpoint.signed": "Controlepunt ondertekend",
  "checkpoint.refused": "Controlepunt geweigerd",
};

export const notificationLabel = (type: string) => labels[type] ?? type;
