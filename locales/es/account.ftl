# Las páginas de una cuenta: panel, miembros, pagos, historial y la cuenta tal como era.

## Compartidos por las páginas de la cuenta
account-you = (tú)
account-left = (se fue)
account-someone = alguien
account-is-owed = le deben
account-owes = debe
account-settled = en paz
account-col-member = Miembro
account-col-paid = Pagado
account-col-share = Parte
account-col-net = Saldo
account-col-date = Fecha
account-col-what = Concepto
account-col-paid-by = Pagado por
account-col-amount = Importe
account-refund-badge = Reembolso
account-sharing = { $count ->
    [one] (1 participante)
   *[other] ({ $count } participantes)
}
account-chart-summary = Saldos: { $list }
account-list-two = { $first } y { $last }
account-list-more = { $first }, { $rest }
account-pays = { $from } paga a { $to } { $amount }
account-paid = { $from } pagó a { $to } { $amount }
account-back-dashboard = Volver al panel
account-show-as-of = Ver la cuenta tal como era
account-form-incomplete = este formulario está incompleto; recarga la página y vuelve a intentarlo
account-fix-fields = Corrige los campos marcados abajo.
account-restore = Restaurar
account-restore-it = Restaurarlo
account-page-of = Página { $page } de { $pages }

## Panel
dashboard-add-expense = + Añadir un gasto
dashboard-record-payment = Registrar un pago
dashboard-record-refund = Registrar un reembolso
dashboard-balances = Saldos
dashboard-chart-details = Gráfico y detalles
dashboard-balances-caption = Pagado, parte y saldo de cada miembro
dashboard-download-balances = Descargar los saldos (CSV)
dashboard-settle-up = Saldar cuentas
dashboard-everyone-settled = Nadie debe nada a nadie.
dashboard-record-this-payment = Registrar este pago
dashboard-another-amount = Otro importe
dashboard-another-amount-between = de { $from } a { $to }
dashboard-any-amount = (cualquier importe, entre dos miembros cualesquiera)
dashboard-all-payments = Todos los pagos
dashboard-latest = Últimos gastos
dashboard-no-expenses = Todavía no hay gastos. Añade el primero con el botón «Añadir un gasto» de arriba.
dashboard-all-expenses = Todos los gastos
dashboard-more = Más
dashboard-this-account = Esta cuenta
dashboard-nav-members = Miembros e invitación
dashboard-nav-recurring = Gastos recurrentes
dashboard-nav-categories = Categorías
dashboard-nav-history = Historial
dashboard-nav-statistics = Estadísticas
dashboard-nav-import = Importar desde otra app
dashboard-nav-rates = Tipos de cambio
dashboard-nav-expenses-csv = Gastos (CSV)
dashboard-nav-balances-csv = Saldos (CSV)
dashboard-nav-ihatemoney = Exportar para IHateMoney
dashboard-nav-cospend = Exportar para Cospend
dashboard-nav-backup = Copia de seguridad
dashboard-as-of-label = La cuenta al final del día
dashboard-add-heading = Añadir un gasto
dashboard-payment-refused = No se pudo registrar ese pago: { $reason }.
dashboard-form-was-incomplete = el formulario estaba incompleto

## Miembros
members-title = Miembros de { $account }
members-heading = Miembros
members-caption = Miembros por orden de llegada, con su estado
members-col-name = Nombre
members-col-status = Estado
members-col-signed-up = Registro
members-col-change = Cambiar
members-active = Activo
members-left = Se fue
members-joined = Se ha unido
members-not-joined = Aún no se ha unido
members-deactivate = Desactivar
members-reactivate = Reactivar
members-moved-out-hint = Quien se muda conserva su historial y su saldo, pero no participa en los gastos nuevos.
members-add-heading = Añadir un miembro
members-add-intro = Añade ya a un compañero de piso por su nombre; más tarde podrá reclamar ese nombre con el enlace de invitación.
members-add-button = Añadir miembro
members-invite-heading = Enlace de invitación
members-invite-intro = Cualquiera con este enlace puede unirse a { $account } tras iniciar sesión. Compártelo solo con tus compañeros de piso.
members-copy = Copiar enlace
members-copied = Enlace copiado.
members-copy-by-hand = Pulsa Ctrl+C (o ⌘C) para copiar el enlace seleccionado.
members-qr-label = Código QR del enlace de invitación
members-qr-caption = Escanea este código con la cámara del móvil para abrir el enlace de invitación.
members-replace-hint = Al cambiar el enlace, el actual deja de funcionar, por ejemplo si llegó a quien no debía. Quienes ya se unieron siguen siendo miembros.
members-replace = Cambiar enlace
members-already-added = { $name } ya estaba añadido.
members-added = Has añadido a { $name }. Envíale el enlace de invitación de abajo para que se una.
members-name-taken = Ya hay un miembro llamado { $name }. Si te refieres a esa persona, envíale el enlace de invitación de abajo; si no, añade una inicial, como «{ $name } B.»
members-active-again = { $name } vuelve a estar activo y puede participar en gastos nuevos.
members-moved-out = { $name } se ha mudado: su historial se queda, pero no participa en gastos nuevos.
members-cannot-leave = { $name } no puede irse: { $reason }.
members-invite-replaced = Se ha cambiado el enlace de invitación. El anterior ya no funciona; comparte el nuevo.

## Registrar y corregir un pago
payment-heading-new = Registrar un pago
payment-heading-edit = Editar un pago
payment-submit-new = Registrar el pago
payment-submit-edit = Guardar cambios
payment-intro = Dinero que un miembro dio a otro: para devolver todo o parte de lo que debe.
payment-deleted-notice = Este pago está eliminado, así que no cuenta en los saldos. Para cambiarlo, restáuralo primero.
payment-amount = Importe ({ $currency })
payment-amount-hint = Lo que se pagó, por ejemplo { $example }: cualquier parte de lo que se debe.
payment-from = De (quién pagó)
payment-to = A (quién lo recibió)
payment-choose-member = Elige un miembro
payment-delete-link = Eliminar este pago
payment-choose-from = elige quién pagó
payment-choose-to = elige quién recibió el dinero
payment-recorded = Registrado: { $summary }.
payment-already-recorded = Ya estaba registrado: { $summary }.
payment-saved = Guardado: { $summary }.
payment-nothing-changed = Sin cambios: { $summary }.
payment-stale = { $who } cambió este pago mientras lo editabas. Tus valores se mantienen abajo, con lo que guardó { $who } junto a cada campo distinto: revísalos y guarda de nuevo para sustituir la versión de { $who }, o vuelve a abrir el pago para partir de ella.
payment-difference = Escribiste { $yours }; mientras tanto, { $who } lo cambió a { $theirs }.

## La lista de pagos y eliminar un pago
payments-title = Pagos
payments-empty = Todavía no hay pagos. Cuando alguien le devuelva dinero a otro miembro, regístralo con «Registrar un pago».
payments-caption = Pagos entre miembros, del más reciente al más antiguo
payments-col-from = De
payments-col-to = A
payments-col-actions = Acciones
payments-deleted-badge = eliminado
payments-edit = Editar
payments-delete = Eliminar
payments-which = el pago de { $from } a { $to }, { $amount }
payments-all = Todos los pagos
payments-back = Volver a los pagos
payments-cancel = Cancelar
payments-delete-title = Eliminar el pago
payments-already-deleted-heading = Este pago ya está eliminado
payments-already-deleted-text = { $summary } el { $date }. No cuenta en los saldos hasta que se restaure.
payments-delete-heading = ¿Eliminar este pago?
payments-delete-text = { $summary } el { $date }. Una vez eliminado ya no cuenta en los saldos; puedes restaurarlo más tarde desde la lista de pagos o el historial.
payments-already-deleted = Ya estaba eliminado: { $summary }.
payments-deleted = Eliminado: { $summary }. Puedes restaurarlo desde el historial o la lista de pagos.
payments-not-deleted = { $summary } no estaba eliminado; no hay nada que restaurar.
payments-restored = Restaurado: { $summary }.

## Historial
history-title = Historial
history-intro = Todo lo que ha pasado en { $account }, de lo más reciente a lo más antiguo. Las horas están en { $zone }
history-change-zone = cambiar
history-empty = Todavía no ha pasado nada.
history-as-of-link = ver la cuenta tal como quedó tras este cambio
history-pages = Páginas del historial
history-newer = Más recientes
history-older = Más antiguos
history-someone = Alguien
history-an-expense = un gasto
history-a-category = una categoría
history-a-recurring-bill = un gasto recurrente
history-opened = { $actor } abrió la cuenta { $name } en { $currency }
history-renamed = { $actor } cambió el nombre de la cuenta a { $name }
history-joined = { $name } se unió
history-added = { $actor } añadió a { $name }
history-linked = { $actor } se unió como { $name }
history-deactivated = { $actor } desactivó a { $name }
history-reactivated = { $actor } reactivó a { $name }
history-expense = { $actor } registró { $description }, { $amount }, { $split }
history-recurring-recorded = Se registró el gasto recurrente { $description } del { $date }, { $amount }, { $split }
history-refund = { $actor } registró un reembolso de { $amount } recibido por { $payer }: { $description }, { $split }
history-corrected = { $actor } corrigió { $description }
history-corrected-amount = { $actor } corrigió { $description }: { $before } → { $after }
history-expense-deleted = { $actor } eliminó { $description }
history-expense-restored = { $actor } restauró { $description }
history-split-for = para { $name }
history-split-equally = { $count ->
    [one] para 1 persona
   *[other] a partes iguales entre { $count } personas
}
history-split-shares = { $count ->
    [one] para 1 persona
   *[other] entre { $count } personas por partes
}
history-split-exact = { $count ->
    [one] para 1 persona
   *[other] entre { $count } personas por importes exactos
}
history-split-percentages = { $count ->
    [one] para 1 persona
   *[other] entre { $count } personas por porcentajes
}
history-paid-recorded-by = { $payment } (registrado por { $actor })
history-payment-changed = { $actor } cambió el pago de { $from } a { $to }
history-payment-changed-how = { $actor } cambió el pago de { $from } a { $to }: { $changes }
history-payment-changed-now = { $actor } cambió el pago de { $from } a { $to }, { $amount }
history-change-parties = ahora de { $from } a { $to }
history-change-date = fecha { $was } → { $now }
history-payment-deleted = { $actor } eliminó el pago de { $from } a { $to }, { $amount }
history-payment-deleted-unknown = { $actor } eliminó un pago
history-payment-restored = { $actor } restauró el pago de { $from } a { $to }, { $amount }
history-payment-restored-unknown = { $actor } restauró un pago
history-time-zone = { $actor } cambió la zona horaria de la cuenta a { $zone }
history-category-added = { $actor } añadió la categoría { $name }
history-category-renamed = { $actor } cambió el nombre de una categoría a { $name }
history-category-archived = { $actor } archivó la categoría { $name }
history-category-restored = { $actor } restauró la categoría { $name }
history-recurrence = { $unit ->
    [week] { $count ->
        [one] cada semana
       *[other] cada { $count } semanas
    }
    [year] { $count ->
        [one] cada año
       *[other] cada { $count } años
    }
   *[month] { $count ->
        [one] cada mes
       *[other] cada { $count } meses
    }
}
history-schedule-created = { $actor } creó el gasto recurrente { $description }, { $amount } { $recurrence }, desde el { $date }
history-schedule-created-until = { $actor } creó el gasto recurrente { $description }, { $amount } { $recurrence }, desde el { $date } hasta el { $until }
history-schedule-changed = { $actor } cambió el gasto recurrente { $description } a partir de su próxima vez: { $amount } { $recurrence }
history-schedule-changed-until = { $actor } cambió el gasto recurrente { $description } a partir de su próxima vez: { $amount } { $recurrence } hasta el { $until }
history-skipped = { $actor } se saltó el gasto recurrente { $name } del { $date }
history-paused = { $actor } pausó el gasto recurrente { $name }
history-paused-itself = El gasto recurrente { $name } se pausó solo: { $reason }
history-resumed = { $actor } reanudó el gasto recurrente { $name } desde el { $date }
history-stopped = { $actor } terminó el gasto recurrente { $name }

## La cuenta tal como era
as-of-title = La cuenta tal como era
as-of-title-then = { $name } tal como era { $when }
as-of-now = { $account } ahora
as-of-notice = La cuenta tal como era { $when }, solo lectura. Aquí no se puede cambiar nada;
as-of-back-now = volver a la cuenta actual
as-of-day = Al final del día
as-of-hint-before = O elige un cambio en el
as-of-hint-link = historial
as-of-hint-after = .
as-of-changes = Cambios
as-of-earlier = Tras el cambio anterior
as-of-later = Tras el cambio siguiente
as-of-change-of = Cambio { $version } de { $newest }
as-of-balances = Saldos entonces
as-of-balances-caption = Pagado, parte y saldo de cada miembro entonces
as-of-settle = Saldar cuentas entonces
as-of-everyone-settled = Nadie debía nada a nadie.
as-of-latest = Últimos gastos entonces
as-of-no-expenses = Todavía no había gastos.
as-of-at-end = al final del { $date }
as-of-right-after = justo después del cambio { $version } ({ $when })
as-of-not-both = elige un día o un cambio del historial, no ambos
as-of-still-to-come = ese día aún no ha llegado; elige el { $today } o antes
as-of-bad-change = el cambio se indica con su número en el historial (1, 2, 3…)
as-of-bad-address = Esta dirección no se puede mostrar: { $reason }.
as-of-opened-on = la cuenta se abrió el { $date }; elige ese día o uno posterior
as-of-not-opened = la cuenta aún no se había abierto; elige ese día o uno posterior
as-of-nothing = Nada que mostrar: { $reason }.
as-of-no-such-change = Ese cambio aún no existe: el más reciente es el cambio { $newest }.
