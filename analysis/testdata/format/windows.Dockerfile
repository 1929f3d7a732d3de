# escape=`

FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell","-Command","$ErrorActionPreference = 'Stop';"]
run   $url = 'https://example.com/x.zip'; `
  Invoke-WebRequest -Uri $url -OutFile x.zip; `
Expand-Archive x.zip -DestinationPath C:\x ; `
      Remove-Item x.zip
COPY   app   C:\app\
CMD ["C:\\app\\app.exe"]
