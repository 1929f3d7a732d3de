# escape=`
FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
SHELL ["cmd", "/S", "/C"]
USER ContainerAdministrator
RUN mkdir C:\data && `
    echo ready > C:\data\status.txt
USER ContainerUser
ENTRYPOINT ["cmd", "/C", "type", "C:\\data\\status.txt"]
