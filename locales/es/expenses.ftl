# Gastos y reembolsos: el formulario, añadir, corregir, borrar y restaurar, la lista y la
# página de categorías.

## El formulario de gasto (también en el panel y en la página de un gasto recurrente)
expense-form-fix-below = Corrige los campos marcados abajo.
expense-form-amount = Importe
expense-form-amount-hint = El importe total pagado, por ejemplo 12,50.
expense-form-amount-hint-refund = El importe total recibido, por ejemplo 50,00.
expense-form-paid-in = Pagado en
expense-form-own-currency = { $currency }, la moneda de la cuenta
expense-form-rate = Tipo de cambio: 1 unidad de esa moneda en { $currency }
expense-form-rate-hint = Solo para otra moneda, por ejemplo 0,92; el importe y las partes exactas van entonces en esa moneda y tally registra su valor en { $currency }. Si lo dejas vacío, se usa el tipo de cambio de esa fecha entre los cargados en la cuenta, si los hay.
expense-form-last-rates = Usado por última vez aquí: { $rates }.
expense-form-description = Concepto
expense-form-description-hint = Unas palabras, por ejemplo Compra del súper o Factura de la luz.
expense-form-description-hint-refund = Unas palabras, por ejemplo Devolución de la fianza o Abono de la luz.
expense-form-category = Categoría
expense-form-no-category = Ninguna
expense-form-date = Fecha
expense-form-paid-by = Pagado por
expense-form-received-by = Recibido por
expense-form-split = Reparto
expense-form-split-refund = Repartir entre (la parte de cada uno se descuenta de lo que debe)
expense-form-split-equally = A partes iguales
expense-form-split-by-shares = Por partes
expense-form-split-by-exact-amounts = Por importes exactos
expense-form-split-by-percentages = Por porcentajes
expense-form-parts-caption = Participantes y sus partes
expense-form-participant = Participante
expense-form-shares = Partes
expense-form-exact = Importe exacto
expense-form-percent = Porcentaje
expense-form-shares-for = Partes de { $name }
expense-form-exact-for = Importe exacto de { $name }
expense-form-percent-for = Porcentaje de { $name }
expense-form-repeat = Repetición
expense-form-repeats = Se repite
expense-form-no-repeat = No se repite
expense-form-weekly = Cada semana
expense-form-monthly = Cada mes
expense-form-yearly = Cada año
expense-form-repeat-every = Cada cuántas semanas, meses o años
expense-form-until = Hasta (opcional)
expense-form-repeat-hint = Un gasto recurrente se registra cada vez en su fecha; la fecha de arriba es la primera. Los verás todos en Gastos recurrentes.
expense-form-add = Añadir gasto
expense-form-save = Guardar cambios
# Mensajes junto a los campos: frases sin mayúscula inicial ni punto, la página los completa.
expense-form-choose-category = elige una categoría de la lista
expense-form-incomplete = este formulario está incompleto; recarga la página y vuelve a intentarlo
expense-form-choose-currency = elige una moneda de la lista
expense-form-choose-payer = elige quién pagó
expense-form-choose-participants = elige los participantes de la lista
expense-form-one-participant = elige al menos un participante
expense-form-whole-shares = escribe un número entero de partes entre 1 y { $max }
expense-form-choose-split = elige cómo repartirlo
expense-form-percent-malformed = escribe un porcentaje como 33,33
expense-form-percent-range = cada porcentaje debe ser mayor que 0 y como mucho 100
expense-form-choose-repeat = elige cada cuánto se repite, o deja vacía la fecha final
expense-form-until-before-start = la fecha final debe ser igual o posterior a la primera fecha
expense-form-amounts-missing = los importes suman { $got } de { $expected }: faltan { $gap }
expense-form-amounts-too-much = los importes suman { $got } de { $expected }: sobran { $gap }

## Cómo se nombra un gasto en los mensajes: «Internet, 30,00 €»
expense-summary = { $description }, { $amount }
expense-summary-paid-in = { $description }, { $paid } ({ $amount })
expense-summary-refund = { $description }, reembolso de { $amount }

## Añadir un gasto
expense-new-title = Añadir un gasto
expense-new-id-used = Este formulario ya se usó para añadir un gasto. Revisa los valores de abajo y vuelve a añadirlos como un gasto nuevo si es lo que querías.
expense-new-recorded = Registrado: { $summary }.
expense-new-already-recorded = Ya estaba registrado: { $summary }.
expense-new-schedule-set-up = Gasto recurrente creado: { $summary }, { $unit ->
        [week] { $every ->
            [one] cada semana
           *[other] cada { $every } semanas
        }
        [year] { $every ->
            [one] cada año
           *[other] cada { $every } años
        }
       *[month] { $every ->
            [one] cada mes
           *[other] cada { $every } meses
        }
    }.
expense-new-schedule-already = Ya estaba creado: { $summary }.

## Corregir un gasto
expense-edit-title = Editar { $summary }
expense-edit-all = Todos los gastos
expense-edit-heading = Editar un gasto
expense-edit-heading-refund = Editar un reembolso
expense-edit-refund-badge = Reembolso
expense-edit-refund-note = Dinero que entra: quien lo recibió debe a los demás su parte.
expense-edit-deleted = Este gasto está borrado, así que no cuenta para los saldos. Para cambiarlo, restáuralo primero.
expense-edit-deleted-refund = Este reembolso está borrado, así que no cuenta para los saldos. Para cambiarlo, restáuralo primero.
expense-edit-restore = Restaurarlo
expense-edit-delete = Borrar este gasto
expense-edit-delete-refund = Borrar este reembolso
expense-edit-stale = { $who } cambió este gasto mientras lo editabas. Abajo se conservan tus valores, con lo que guardó { $who } junto a cada campo distinto: revísalos y guarda de nuevo para sustituir la versión de { $who }, o abre el gasto otra vez para partir de ella.
expense-edit-someone = alguien
expense-edit-you-typed = Escribiste { $yours }; mientras tanto, { $who } lo cambió a { $theirs }.
expense-edit-quoted = «{ $text }»
expense-edit-no-category = ninguna categoría
expense-edit-split-changed = { $who } también cambió el reparto: si guardas de nuevo, se usa tu reparto.
expense-edit-other-expense = este formulario es de otro gasto; recarga la página y vuelve a intentarlo
expense-edit-saved = Guardado: { $summary }.
expense-edit-unchanged = Nada cambió: { $summary }.

## Borrar y restaurar
expense-delete-title = Borrar { $summary }
expense-delete-already-heading = { $summary } ya está borrado
expense-delete-paid-by = Pagado por { $payer } el { $date }.
expense-delete-received-by = Un reembolso recibido por { $payer } el { $date }.
expense-delete-counts-nothing = No cuenta para los saldos hasta que se restaure.
expense-delete-back = Volver a los gastos
expense-delete-heading = ¿Borrar { $summary }?
expense-delete-explain = Una vez borrado deja de contar en los saldos; puedes restaurarlo más tarde desde la lista de gastos o el historial.
expense-delete-confirm = Borrar
expense-delete-cancel = Cancelar
expense-delete-done = Borrado: { $summary }. Puedes restaurarlo desde el historial o la lista de gastos.
expense-delete-already = Ya estaba borrado: { $summary }.
expense-restore-done = Restaurado: { $summary }.
expense-restore-not-deleted = { $summary } no estaba borrado; no hay nada que restaurar.

## La lista
expense-list-title = Gastos
expense-list-add = Añadir un gasto
expense-list-refund = Registrar un reembolso
expense-list-filter-errors = Algunos filtros no se pudieron usar; mira los mensajes de abajo.
expense-list-filters = Filtrar gastos
expense-list-member = Pagado o compartido por
expense-list-everyone = Todos
expense-list-category = Categoría
expense-list-any = Cualquiera
expense-list-uncategorised = Sin categoría
expense-list-text = El concepto contiene
expense-list-from = Desde
expense-list-to = Hasta
expense-list-filter = Filtrar
expense-list-show-all = Ver todos
expense-list-total = Total:
expense-list-total-matching = Total de los gastos filtrados:
expense-list-counted = ({ $count ->
        [one] { $count } gasto
       *[other] { $count } gastos
    }; los reembolsos se descuentan y los borrados no cuentan)
expense-list-none-match = Ningún gasto coincide con estos filtros.
expense-list-none = Todavía no hay gastos.
expense-list-caption = Gastos, del más reciente al más antiguo
expense-list-caption-paged = Gastos, del más reciente al más antiguo, página { $page } de { $pages }
expense-list-date = Fecha
expense-list-what = Concepto
expense-list-paid-by = Pagado por
expense-list-shared-by = Compartido por
expense-list-amount = Importe
expense-list-actions = Acciones
expense-list-deleted = borrado
expense-list-refund-badge = Reembolso
expense-list-recurring = recurrente
expense-list-received = (recibido)
expense-list-restore = Restaurar
expense-list-edit = Editar
expense-list-delete = Borrar
expense-list-pages = Páginas de gastos
expense-list-previous = Anterior
expense-list-page = Página { $page } de { $pages }
expense-list-next = Siguiente
expense-list-archived = { $name } (archivada)
expense-list-paid-in = { $amount } a { $rate }
expense-list-choose-member = elige un miembro de la lista
expense-list-end-before-start = la fecha final es anterior a la inicial

## Registrar un reembolso
refund-new-title = Registrar un reembolso
refund-new-explain = Dinero que entra, como una fianza devuelta o un abono en una factura: quien lo recibió debe a cada persona del reparto su parte, como si fuera un gasto con el signo cambiado.
refund-new-submit = Registrar reembolso
refund-new-choose-receiver = elige quién lo recibió
refund-new-id-used = Este formulario ya se usó para registrar una entrada. Revisa los valores de abajo y vuelve a registrarlos como un reembolso nuevo si es lo que querías.
refund-new-moved-out = este miembro ya no vive aquí; elige a alguien que siga viviendo en el piso
refund-new-recorded = Registrado un reembolso de { $amount } recibido por { $name }: { $description }.
refund-new-already-recorded = Ya estaba registrado: un reembolso de { $amount } recibido por { $name }: { $description }.

## Categorías
categories-title = Categorías
categories-intro = Asigna una categoría a los gastos para ver a dónde va el dinero en la página de
categories-intro-statistics = estadísticas
categories-intro-middle = y para filtrar la
categories-intro-list = lista de gastos
categories-caption = Categorías de esta cuenta
categories-name = Nombre
categories-status = Estado
categories-rename = Renombrar
categories-archive = Archivar
categories-archived = Archivada
categories-in-use = En uso
categories-new-name-for = Nombre nuevo para { $name }
categories-restore = Restaurar
categories-add-heading = Añadir una categoría
categories-add = Añadir categoría
categories-already-added = { $name } ya estaba añadida.
categories-added = Categoría { $name } añadida.
categories-choose-action = elige renombrar, archivar o restaurar
categories-archived-done = Archivada: ya no se ofrece para gastos nuevos; sus gastos la conservan.
categories-restored-done = Restaurada: vuelve a ofrecerse.
categories-renamed = Renombrada a { $name }.

## La vista previa del reparto que escribe el script de la página bajo el formulario
expense-form-preview-enter-amount = Escribe un importe para ver cómo se reparte.
expense-form-preview-tick = Marca al menos un participante.
expense-form-preview-amount-for = Escribe un importe para { $name }.
expense-form-preview-shares-for = Escribe un número de partes para { $name }.
expense-form-preview-percent-for = Escribe un porcentaje para { $name }.
expense-form-preview-missing = Los importes suman { $sum }, pero el gasto es de { $amount } (faltan { $gap } por asignar).
expense-form-preview-too-much = Los importes suman { $sum }, pero el gasto es de { $amount } ({ $gap } de más).
expense-form-preview-percent-sum = Los porcentajes suman { $sum } % en vez de 100 %.
expense-form-preview-split = Reparto: { $parts }.

## Las categorías con las que empieza cada cuenta
category-default-rent = Alquiler
category-default-utilities = Suministros
category-default-internet = Internet y teléfono
category-default-groceries = Comida
category-default-household = Hogar
category-default-eating-out = Comer fuera
category-default-transport = Transporte
category-default-other = Otros
