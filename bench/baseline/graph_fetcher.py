"""The baseline a syslog-ng 3.38 user would write today: a Python LogFetcher polling Microsoft Graph alerts_v2
with urllib, one alert per message. Used only by bench/e2e.py to compare against microsoft-defender()."""

import json
import ssl
import urllib.parse
import urllib.request

from syslogng import LogFetcher, LogMessage


class GraphFetcher(LogFetcher):
    def init(self, options):
        self.base_url = options["base_url"]
        self.tenant = options["tenant"]
        self.client_id = options["client_id"]
        self.secret = options["secret"]
        self.page_size = int(options.get("page_size", "1000"))
        self.context = ssl.create_default_context(cafile=options["ca_file"])
        self.token = None
        self.buffer = []
        self.next_url = None
        self.last_seen = options.get("since", "1970-01-01T00:00:00Z")
        self.done = False
        return True

    def request_token(self):
        body = urllib.parse.urlencode({
            "client_id": self.client_id, "client_secret": self.secret, "grant_type": "client_credentials",
            "scope": "https://graph.microsoft.com/.default"}).encode()
        url = f"{self.base_url}/{self.tenant}/oauth2/v2.0/token"
        with urllib.request.urlopen(url, data=body, context=self.context, timeout=30) as r:
            self.token = json.load(r)["access_token"]

    def get(self, url):
        request = urllib.request.Request(url, headers={"Authorization": f"Bearer {self.token}"})
        with urllib.request.urlopen(request, context=self.context, timeout=60) as r:
            return json.load(r)

    def fill(self):
        if self.token is None:
            self.request_token()
        if self.next_url is None:
            query = urllib.parse.urlencode({
                "$filter": f"lastUpdateDateTime ge {self.last_seen}",
                "$orderby": "lastUpdateDateTime asc", "$top": str(self.page_size)}, quote_via=urllib.parse.quote)
            self.next_url = f"{self.base_url}/v1.0/security/alerts_v2?{query}"
        page = self.get(self.next_url)
        self.buffer = page["value"]
        self.buffer.reverse()
        self.next_url = page.get("@odata.nextLink")
        if self.next_url is None:
            self.done = True

    def fetch(self):
        if not self.buffer:
            if self.done:
                return LogFetcher.FETCH_NO_DATA, None
            self.fill()
            if not self.buffer:
                return LogFetcher.FETCH_NO_DATA, None
        alert = self.buffer.pop()
        return LogFetcher.FETCH_SUCCESS, LogMessage(json.dumps(alert))
