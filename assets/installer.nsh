; Medtrack's additions to electron-builder's NSIS installer (electron-builder.yml: nsis.include).
;
; Installed "for all users of this computer", every staff account must open the same clinic
; file, so the app keeps its data in %ProgramData%\Medtrack rather than each user's AppData
; (main/cli/paths.ts). The installer says which it was by a marker file in the app's resources
; folder, and gives the computer's Users group the right to create and change files in that
; shared folder (ProgramData's default lets each user change only the files they created).
!macro customInstall
  ${if} $installMode == "all"
    FileOpen $0 "$INSTDIR\resources\per-machine-install" w
    FileWrite $0 "Installed for all users: data in %ProgramData%\Medtrack$\r$\n"
    FileClose $0
    ReadEnvStr $1 PROGRAMDATA
    CreateDirectory "$1\Medtrack"
    ; *S-1-5-32-545 is the built-in Users group under any Windows language.
    nsExec::Exec 'icacls "$1\Medtrack" /grant *S-1-5-32-545:(OI)(CI)M'
    Pop $2
  ${else}
    Delete "$INSTDIR\resources\per-machine-install"
  ${endif}
!macroend
