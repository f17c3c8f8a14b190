/** An authenticated API consumer: its client id (Entra `azp`/`appid`, or the API key's name) and its roles. */
export interface Consumer {
  clientId: string;
  roles: ReadonlySet<string>;
  via: 'entra' | 'api-key';
}

/** App roles (client credentials: the `roles` claim) or scopes (`scp`) each endpoint needs. */
export const ENDPOINT_ROLES: Readonly<Record<string, string>> = {
  'POST /v1/forecast': 'Forecast.Create',
  'POST /v1/actuals': 'Actuals.Write',
  'GET /v1/model': 'Model.Read',
};
